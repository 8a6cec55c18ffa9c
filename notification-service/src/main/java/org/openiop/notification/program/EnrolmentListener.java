package org.openiop.notification.program;

import java.time.Instant;
import java.time.LocalDate;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.ClientUpdated;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Which program each client belongs to (identifiers and dates only), so a contact without its own time zone can be
 * shown with the program's. Spring Kafka routes each record to the handler of its type.
 */
@Component
@KafkaListener(topics = "#{@topics.clients()}")
class EnrolmentListener {

    private final EventInbox inbox;
    private final EnrolmentRepository enrolments;

    EnrolmentListener(EventInbox inbox, EnrolmentRepository enrolments) {
        this.inbox = inbox;
        this.enrolments = enrolments;
    }

    @KafkaHandler
    void enrolled(ClientEnrolled e) {
        inbox.applyOnce("notification", e, () -> save(e.getClientId(), e.getProgramId(), null, e.getOccurredAt()));
    }

    @KafkaHandler
    void updated(ClientUpdated e) {
        inbox.applyOnce("notification", e, () -> save(e.getClientId(), e.getProgramId(), null, e.getOccurredAt()));
    }

    @KafkaHandler
    void discharged(ClientDischarged e) {
        inbox.applyOnce("notification", e,
                () -> save(e.getClientId(), e.getProgramId(), e.getDischargeDate(), e.getOccurredAt()));
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }

    private void save(String clientId, String programId, LocalDate dischargedOn, Instant at) {
        enrolments.save(clientId, programId, dischargedOn, at);
    }
}
