package org.openiop.notification.reminder;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ChangeReason;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.notification.telehealth.OnlineBookings;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Session events plan, re-plan and drop reminders. Each is applied once (the inbox), in the client's order. */
@Component
class SessionEventsListener {

    private final EventInbox inbox;
    private final ReminderScheduling scheduling;
    private final OnlineBookings onlineBookings;

    SessionEventsListener(EventInbox inbox, ReminderScheduling scheduling, OnlineBookings onlineBookings) {
        this.inbox = inbox;
        this.scheduling = scheduling;
        this.onlineBookings = onlineBookings;
    }

    @KafkaListener(topics = "#{@topics.sessions()}")
    void on(SpecificRecord event) {
        if (event instanceof SessionScheduled e) {
            var change = change(e.getBookingId(), e.getClientId(), e.getProgramId(), e.getSessionId(),
                    e.getStartsAt(), e.getEndsAt(), e.getTimeZone(), e.getOccurredAt());
            inbox.applyOnce("notification", event, () -> {
                onlineBookings.note(e.getBookingId(), e.getModality()); // telehealth: before any message is composed
                scheduling.scheduled(change);
            });
        } else if (event instanceof SessionRescheduled e) {
            var change = change(e.getBookingId(), e.getClientId(), e.getProgramId(), e.getSessionId(),
                    e.getStartsAt(), e.getEndsAt(), e.getTimeZone(), e.getOccurredAt());
            inbox.applyOnce("notification", event, () -> scheduling.rescheduled(change));
        } else if (event instanceof SessionCancelled e) {
            var change = change(e.getBookingId(), e.getClientId(), e.getProgramId(), e.getSessionId(),
                    e.getStartsAt(), e.getEndsAt(), e.getTimeZone(), e.getOccurredAt());
            boolean notify = e.getReason() != ChangeReason.CLIENT_DISCHARGED;
            inbox.applyOnce("notification", event, () -> scheduling.cancelled(change, notify));
        }
    }

    /** Checks what the consumer relies on; an event breaking it can never be applied and goes to the DLT. */
    static ReminderScheduling.SessionChange change(String bookingId, String clientId, String programId,
            String sessionId, Instant startsAt, Instant endsAt, String timeZone, Instant occurredAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw new EventRejectedException("booking " + bookingId + " ends before it starts");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new EventRejectedException("booking " + bookingId + " has an unknown time zone");
        }
        return new ReminderScheduling.SessionChange(bookingId, clientId, programId, sessionId, startsAt, endsAt, zone,
                occurredAt);
    }
}
