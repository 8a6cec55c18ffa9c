package org.openiop.notification.followup;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Weekly compliance changes become officer alerts (see {@link ComplianceAlerts}). */
@Component
class ComplianceEventsListener {

    private final EventInbox inbox;
    private final ComplianceAlerts alerts;

    ComplianceEventsListener(EventInbox inbox, ComplianceAlerts alerts) {
        this.inbox = inbox;
        this.alerts = alerts;
    }

    @KafkaListener(topics = "#{@topics.compliance()}")
    void on(SpecificRecord event) {
        if (event instanceof WeeklyComplianceChanged changed) {
            inbox.applyOnce("notification", event, () -> alerts.changed(changed));
        }
    }
}
