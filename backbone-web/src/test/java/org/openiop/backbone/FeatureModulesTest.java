package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * backbone-web's packages as modules (issue 16): no package cycle, each of its tables named in SQL only by its owning
 * package, and the diagram in its README. backbone-messaging's packages are checked by that module's own test.
 */
class FeatureModulesTest {

    /** table -> the package that alone reads and writes it. */
    static final Map<String, String> TABLE_OWNERS = Map.of(
            "audit_log", "audit",
            "audit_log_default", "audit",
            "sign_in_failure", "security");

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
