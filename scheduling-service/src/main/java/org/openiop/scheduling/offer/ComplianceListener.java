package org.openiop.scheduling.offer;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ComplianceStatus;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * attendance-service's compliance announcements, for programs whose rule offers make-up automatically: each applied
 * once (the inbox), in the transaction that sends the offer and writes its events to the outbox. A record that cannot
 * be applied goes to the topic's DLT after the backbone's retries.
 */
@Component
class ComplianceListener {

    private final EventInbox inbox;
    private final OfferService offers;

    ComplianceListener(EventInbox inbox, OfferService offers) {
        this.inbox = inbox;
        this.offers = offers;
    }

    @KafkaListener(topics = "#{@topics.of(T(org.openiop.events.EventTopics).COMPLIANCE)}")
    void on(SpecificRecord event) {
        if (event instanceof WeeklyComplianceChanged change) {
            try {
                java.util.UUID.fromString(change.getClientId());
                java.util.UUID.fromString(change.getProgramId());
            } catch (IllegalArgumentException e) {
                throw new EventRejectedException("a client-week without a client or program id: " + e.getMessage());
            }
            inbox.applyOnce("scheduling-automatic-offers", event, () -> offers.complianceChanged(week(change)));
        }
    }

    /** The one translation of the event (its ids checked above). */
    static ComplianceWeek week(WeeklyComplianceChanged change) {
        return new ComplianceWeek(java.util.UUID.fromString(change.getClientId()),
                java.util.UUID.fromString(change.getProgramId()), change.getWeekStart(),
                change.getStatus() == ComplianceStatus.AT_RISK && change.getPreviousStatus() != ComplianceStatus.AT_RISK,
                change.getAttendedMinutes(), change.getScheduledRemainingMinutes());
    }
}
