package org.openiop.notification.reminder;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.ChangeReason;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.notification.telehealth.Modality;
import org.openiop.notification.telehealth.OnlineBookingRepository;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Session events plan, re-plan and drop reminders. Each is applied once (the inbox), in the client's order. Spring
 * Kafka routes each record to the handler of its type; {@link SessionEvents} maps it to notification's own type.
 */
@Component
@KafkaListener(topics = "#{@topics.sessions()}")
class SessionEventsListener {

    private final EventInbox inbox;
    private final ReminderScheduling scheduling;
    private final OnlineBookingRepository onlineBookings;

    SessionEventsListener(EventInbox inbox, ReminderScheduling scheduling, OnlineBookingRepository onlineBookings) {
        this.inbox = inbox;
        this.scheduling = scheduling;
        this.onlineBookings = onlineBookings;
    }

    @KafkaHandler
    void scheduled(SessionScheduled event) {
        var change = SessionEvents.change(event);
        inbox.applyOnce("notification", event, () -> {
            // telehealth: before any message
            onlineBookings.note(event.getBookingId(), Modality.valueOf(event.getModality().name()));
            scheduling.scheduled(change);
        });
    }

    @KafkaHandler
    void rescheduled(SessionRescheduled event) {
        var change = SessionEvents.change(event);
        inbox.applyOnce("notification", event, () -> scheduling.rescheduled(change));
    }

    @KafkaHandler
    void cancelled(SessionCancelled event) {
        var change = SessionEvents.change(event);
        boolean notify = event.getReason() != ChangeReason.CLIENT_DISCHARGED;
        inbox.applyOnce("notification", event, () -> scheduling.cancelled(change, notify));
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }
}
