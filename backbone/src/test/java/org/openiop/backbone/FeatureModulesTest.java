package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * backbone's packages as modules (issue 16): no new package cycle, each of its tables named in SQL only by its owning
 * package, and the diagram in backbone/README.md that the planned split into web+security and messaging follows.
 */
class FeatureModulesTest {

    /** table -> the package that alone reads and writes it. */
    static final Map<String, String> TABLE_OWNERS = Map.of(
            "outbox", "outbox",
            "outbox_relay_state", "outbox",
            "processed_event", "inbox",
            "audit_log", "audit",
            "audit_log_default", "audit",
            "sign_in_failure", "security");

    static final FeatureModules MODULES = FeatureModules.of("org.openiop.backbone", TABLE_OWNERS);

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
