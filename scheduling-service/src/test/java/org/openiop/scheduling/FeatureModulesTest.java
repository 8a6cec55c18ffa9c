package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * scheduling-service's feature packages as verified modules (issue 16): no package cycle (strict), each table named in
 * SQL only by the package that owns it (today's exceptions frozen in src/test/resources/archunit_store), and the module
 * diagram in README.md kept true. A new table must be given its owner here.
 */
class FeatureModulesTest {

    /** table -> the feature package that alone reads and writes it. */
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
            Map.entry("program_sibling", "program"));

    /** No package cycle is left: the cycle rule runs unfrozen (no store entry), so none may come back. */
    static final FeatureModules MODULES = FeatureModules.of("org.openiop.scheduling", TABLE_OWNERS)
            .strict(FeatureModules.Rule.CYCLES);

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
