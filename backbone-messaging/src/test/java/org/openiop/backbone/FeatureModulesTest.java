package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * backbone-messaging's packages as modules (issue 16, both rules strict): no package cycle, each of its tables named
 * in SQL only by its owning package, and the diagram in its README. backbone-web's packages are checked by
 * backbone-web's own test.
 */
class FeatureModulesTest {

    /**
     * table -> the package that alone reads and writes it. db/backbone (here since before the split) also created
     * backbone-web's tables: those are owned by packages of that module, so no package here may name them.
     */
    static final Map<String, String> TABLE_OWNERS = Map.of(
            "outbox", "outbox",
            "outbox_relay_state", "outbox",
            "processed_event", "inbox",
            "audit_log", "backbone-web:audit",
            "audit_log_default", "backbone-web:audit",
            "sign_in_failure", "backbone-web:security");

    /** Both rules unfrozen: no cycle and no foreign table is left, so none may come back (no store). */
    static final FeatureModules MODULES = FeatureModules.of("org.openiop.backbone", TABLE_OWNERS)
            .strict(FeatureModules.Rule.CYCLES, FeatureModules.Rule.TABLES);

    @Test
    void packagesFormNoNewCycleAndNameOnlyTheirOwnTables() {
        MODULES.verify();
    }

    @Test
    void readmeShowsTheModuleDiagram() throws Exception {
        Path readme = Path.of("README.md");
        if (MODULES.writeDiagram(readme, "## Packages (generated)")) {
            System.out.println("README.md: package diagram rewritten from the classes; commit it");
        }
        assertThat(Files.readString(readme)).contains(MODULES.diagram());
    }
}
