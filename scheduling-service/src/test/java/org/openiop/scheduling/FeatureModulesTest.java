package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * scheduling-service's feature packages as verified modules (issue 16): no package cycle and each table named in SQL
 * only by the package that owns it (both strict), others reading through its API or its published views (ADR 0013),
 * and the module diagram in README.md kept true. A new table or published view must be given its owner here.
 */
class FeatureModulesTest {

    /** table -> the feature package that alone reads and writes it; view -> the package that publishes it. */
    static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            Map.entry("makeup_offer", "offer"),
            Map.entry("makeup_setting", "offer"),
            Map.entry("makeup_automatic_offer", "offer"),
            Map.entry("makeup_offer_option", "offer"),
            Map.entry("makeup_offer_session", "offer"),
            Map.entry("series_modality", "telehealth"),
            Map.entry("block_template", "program"),
            Map.entry("booking", "booking"),
            Map.entry("clinician", "clinician"),
            Map.entry("closure", "closure"),
            Map.entry("enrolment", "enrolment"),
            Map.entry("program", "program"),
            Map.entry("room", "room"),
            Map.entry("series", "series"),
            Map.entry("series_rule", "series"),
            Map.entry("session", "session"),
            Map.entry("session_join_link", "telehealth"),
            Map.entry("waitlist_entry", "waitlist"),
            Map.entry("waitlist_history", "waitlist"),
            Map.entry("program_sibling", "program"),
            // Published read-only views (ADR 0013): any package may join them; each reads only its owner's table.
            Map.entry("program_published", "program"),
            Map.entry("session_published", "session"),
            Map.entry("booking_published", "booking"),
            Map.entry("closure_published", "closure"),
            Map.entry("enrolment_published", "enrolment"),
            Map.entry("waitlist_entry_published", "waitlist"));

    /**
     * No package cycle and no foreign table is left: both rules run unfrozen (no store), so none may come back. A
     * package that needs another's rows in one query joins that package's published view.
     */
    static final FeatureModules MODULES = FeatureModules.of("org.openiop.scheduling", TABLE_OWNERS)
            .strict(FeatureModules.Rule.CYCLES, FeatureModules.Rule.TABLES);

    @Test
    void featurePackagesFormNoNewCycleAndNameOnlyTheirOwnTables() {
        MODULES.verify();
    }

    @Test
    void readmeShowsTheModuleDiagram() throws Exception {
        Path readme = Path.of("README.md");
        if (MODULES.writeDiagram(readme, "## Feature modules (generated)")) {
            System.out.println("README.md: feature-module diagram rewritten from the classes; commit it");
        }
        assertThat(Files.readString(readme)).contains(MODULES.diagram());
    }
}
