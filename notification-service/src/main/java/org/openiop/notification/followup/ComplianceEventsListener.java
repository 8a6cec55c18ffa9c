package org.openiop.notification.followup;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.CertificationDue;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Weekly compliance changes become officer alerts (see {@link ComplianceAlerts}); certifications falling due become
 * staff alerts (see {@link CertificationAlerts}).
 */
@Component
class ComplianceEventsListener {

    private final EventInbox inbox;
    private final ComplianceAlerts alerts;
    private final CertificationAlerts certifications;

    ComplianceEventsListener(EventInbox inbox, ComplianceAlerts alerts, CertificationAlerts certifications) {
        this.inbox = inbox;
        this.alerts = alerts;
        this.certifications = certifications;
    }

    @KafkaListener(topics = "#{@topics.compliance()}")
    void on(SpecificRecord event) {
        if (event instanceof WeeklyComplianceChanged changed) {
            inbox.applyOnce("notification", event, () -> alerts.changed(changed));
        } else if (event instanceof CertificationDue due) {
            inbox.applyOnce("notification", event, () -> certifications.due(due));
        }
    }
}
