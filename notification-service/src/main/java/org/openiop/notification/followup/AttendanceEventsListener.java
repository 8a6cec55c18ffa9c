package org.openiop.notification.followup;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.MissedReason;
import org.openiop.events.SessionMissed;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactDirectory;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryQueue;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ProgramDirectory;
import org.openiop.notification.program.ProgramSettings;
import org.openiop.notification.reminder.ReminderPlanner;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A missed session: the client hears "we missed you" (over the channels they chose and consented to, outside quiet
 * hours) and the program's staff get an alert. An excused absence was arranged with staff, so it sends neither.
 * Corrections of the same absence (higher revisions) do not send again: the queue holds one per booking and session.
 */
@Component
class AttendanceEventsListener {

    private final EventInbox inbox;
    private final DeliveryQueue queue;
    private final ProgramDirectory programs;
    private final ContactDirectory contacts;
    private final ReminderPlanner planner = new ReminderPlanner();
    private final Clock clock;

    AttendanceEventsListener(EventInbox inbox, DeliveryQueue queue, ProgramDirectory programs,
            ContactDirectory contacts, Clock clock) {
        this.inbox = inbox;
        this.queue = queue;
        this.programs = programs;
        this.contacts = contacts;
        this.clock = clock;
    }

    @KafkaListener(topics = "#{@topics.attendance()}")
    void on(SpecificRecord event) {
        if (event instanceof SessionMissed missed && missed.getReason() != MissedReason.EXCUSED) {
            var session = SessionFactsOf.missed(missed);
            inbox.applyOnce("notification", event, () -> followUp(missed, session));
        }
    }

    private void followUp(SessionMissed missed, NewDelivery.SessionFacts session) {
        ProgramSettings settings = programs.settings(missed.getProgramId());
        Contact contact = contacts.find(missed.getClientId()).orElse(null);
        Instant now = clock.instant();
        Instant due = contact == null ? now
                : planner.sendPromptly(now, null, contact.zoneOr(java.time.ZoneId.of(session.timeZone())),
                        contact.quietHours());
        for (Channel channel : settings.channels()) {
            if (contact == null || contact.channels().contains(channel)) {
                queue.enqueueOnce(NewDelivery.forSession(MessageKind.MISSED_FOLLOW_UP, channel, Audience.CLIENT, null,
                        session, due));
            }
        }
        NewDelivery alert = NewDelivery.forSession(MessageKind.STAFF_MISSED_ALERT, Channel.EMAIL, Audience.STAFF,
                String.join(",", settings.staffAlertEmails()), session, now);
        queue.enqueueOnce(new NewDelivery(alert.reference(), alert.kind(), alert.channel(), alert.occasion(),
                alert.audience(), alert.clientId(), alert.programId(), alert.bookingId(), alert.recipient(),
                alert.sessionStartsAt(), alert.sessionEndsAt(), alert.timeZone(), alert.calendarSequence(),
                Map.of("reason", missed.getReason().name()), alert.dueAt()));
    }

    static final class SessionFactsOf {
        static NewDelivery.SessionFacts missed(SessionMissed m) {
            try {
                java.time.ZoneId.of(m.getTimeZone());
            } catch (java.time.DateTimeException e) {
                throw new org.openiop.backbone.kafka.EventRejectedException(
                        "booking " + m.getBookingId() + " has an unknown time zone");
            }
            return new NewDelivery.SessionFacts(m.getBookingId(), m.getClientId(), m.getProgramId(), m.getStartsAt(),
                    m.getEndsAt(), m.getTimeZone(), 0);
        }
    }
}
