package org.openiop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.modules.FeatureModules;

/**
 * notification-service's feature packages as verified modules (issue 16): no package cycle, each table named in SQL
 * only by the package that owns it (both rules strict: no frozen exception is left, so there is no archunit_store),
 * and the module diagram in README.md kept true. A new table must be given its owner here.
 */
class FeatureModulesTest {

    /** table -> the feature package that alone reads and writes it. */
    static final Map<String, String> TABLE_OWNERS = Map.ofEntries(
            Map.entry("makeup_offer", "offer"),
            Map.entry("makeup_offer_option", "offer"),
            Map.entry("makeup_offer_session", "offer"),
            Map.entry("waitlist_hold", "hold"),
            Map.entry("attendance_outcome", "followup"),
            Map.entry("booking", "reminder"),
            Map.entry("client_contact", "contact"),
            Map.entry("client_link", "clientlink"),
            Map.entry("client_week", "followup"),
            Map.entry("compliance_alert", "followup"),
            Map.entry("delivery", "delivery"),
            Map.entry("enrolment", "program"),
            Map.entry("inbound_sms", "contact"),
            Map.entry("online_booking", "telehealth"),
            Map.entry("program", "program"),
            Map.entry("program_settings", "program"),
            Map.entry("sms_opt_out", "contact"));

    /** No package cycle and no foreign table is left: both rules run unfrozen (no store), so none may come back. */
    static final FeatureModules MODULES = FeatureModules.of("org.openiop.notification", TABLE_OWNERS)
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
