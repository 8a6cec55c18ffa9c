package org.openiop.notification.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.MissedReason;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionMissed;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactRepository;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryRepository;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ProgramRepository;
import org.openiop.notification.program.ProgramSettings;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * A missed session: the client hears "we missed you" (over the channels they chose and consented to, outside quiet
 * hours) and the program's staff get an alert. An excused absence was arranged with staff, so it sends neither.
 * Corrections of the same absence (higher revisions) do not send again: the queue holds one per booking and session.
 * Every attendance outcome (attended or missed, any revision) is kept, so a follow-up still waiting when the record is
 * corrected to attended or excused is dropped at send time ({@code SendTimeCheck}). Spring Kafka routes each record
 * to the handler of its type.
 */
@Component
@KafkaListener(topics = "#{@topics.attendance()}")
class AttendanceEventsListener {

    private final EventInbox inbox;
    private final DeliveryRepository queue;
    private final ProgramRepository programs;
    private final ContactRepository contacts;
    private final AlertLinks links;
    private final AttendanceOutcomeRepository outcomes;
    private final Clock clock;

    AttendanceEventsListener(EventInbox inbox, DeliveryRepository queue, ProgramRepository programs,
            ContactRepository contacts, AlertLinks links, AttendanceOutcomeRepository outcomes, Clock clock) {
        this.inbox = inbox;
        this.queue = queue;
        this.programs = programs;
        this.contacts = contacts;
        this.links = links;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @KafkaHandler
    void missed(SessionMissed missed) {
        var session = SessionFactsOf.missed(missed);
        inbox.applyOnce("notification", missed, () -> {
            outcome(missed.getBookingId(), missed.getReason().name(), missed.getRevision(), missed.getOccurredAt());
            if (missed.getReason() != MissedReason.EXCUSED) {
                followUp(missed, session);
            }
        });
    }

    @KafkaHandler
    void attended(SessionAttended attended) {
        inbox.applyOnce("notification", attended, () -> outcome(attended.getBookingId(), "ATTENDED",
                attended.getRevision(), attended.getOccurredAt()));
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }

    /** Keeps the newest outcome of a booking: a late, older revision does not overwrite a newer one. */
    private void outcome(String bookingId, String outcome, int revision, Instant at) {
        outcomes.save(bookingId, outcome, revision, at);
    }

    private void followUp(SessionMissed missed, NewDelivery.SessionFacts session) {
        ProgramSettings settings = programs.settings(missed.getProgramId());
        Optional<Contact> contact = contacts.find(missed.getClientId());
        ZoneId sessionZone = ZoneId.of(session.timeZone());
        Instant now = clock.instant();
        Instant due = contact.map(c -> c.sendPromptly(now, null, sessionZone))
                .orElse(now);
        for (Channel channel : settings.channels()) {
            if (contact.isEmpty() || contact.get().channels().contains(channel)) {
                NewDelivery followUp = NewDelivery.forSession(MessageKind.MISSED_FOLLOW_UP, channel, Audience.CLIENT,
                        null, session, due);
                Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(channel));
                if (cannot.isPresent()) {
                    queue.enqueueSkipped(followUp, cannot.get());
                } else {
                    queue.enqueueOnce(followUp);
                }
            }
        }
        NewDelivery alert = NewDelivery.forSession(MessageKind.STAFF_MISSED_ALERT, Channel.EMAIL, Audience.STAFF,
                String.join(",", settings.staffAlertEmails()), session, now);
        String day = missed.getStartsAt().atZone(sessionZone).toLocalDate().toString();
        queue.enqueueOnce(new NewDelivery(alert.reference(), alert.kind(), alert.channel(), alert.occasion(),
                alert.audience(), alert.clientId(), alert.programId(), alert.bookingId(), alert.recipient(),
                alert.sessionStartsAt(), alert.sessionEndsAt(), alert.timeZone(), alert.calendarSequence(),
                Map.of("reason", missed.getReason().name(),
                        "link", links.roster(missed.getProgramId(), java.time.LocalDate.parse(day))),
                alert.dueAt()));
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
