package org.openiop.notification.followup;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.CertificationDue;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Weekly compliance changes become officer alerts (see {@link ComplianceAlerts}); certifications falling due become
 * staff alerts (see {@link CertificationAlerts}). Spring Kafka routes each record to the handler of its type.
 */
@Component
@KafkaListener(topics = "#{@topics.compliance()}")
class ComplianceEventsListener {

    private final EventInbox inbox;
    private final ComplianceAlerts alerts;
    private final CertificationAlerts certifications;

    ComplianceEventsListener(EventInbox inbox, ComplianceAlerts alerts, CertificationAlerts certifications) {
        this.inbox = inbox;
        this.alerts = alerts;
        this.certifications = certifications;
    }

    @KafkaHandler
    void changed(WeeklyComplianceChanged changed) {
        WeekStatusChange change = ComplianceEvents.change(changed);
        inbox.applyOnce("notification", changed, () -> alerts.changed(change));
    }

    @KafkaHandler
    void due(CertificationDue due) {
        CertificationDueNotice notice = ComplianceEvents.due(due);
        inbox.applyOnce("notification", due, () -> certifications.due(notice));
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }
}
