package org.openiop.attendance.booking;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the bookings staff record attendance against, from the session stream, and each program's no-show grace.
 * A cancellation may arrive for a booking never seen scheduled (it is stored as cancelled): nothing is dropped.
 * Spring Kafka routes each record to the handler of its type; {@link BookingEvents} maps session events to a
 * {@link Booking}.
 */
@Component
@KafkaListener(id = "attendance-bookings", idIsGroup = false, topics = { "#{@topics.sessions()}", "#{@topics.programs()}" })
class BookingListener {

    static final String CONSUMER = "attendance.bookings";

    private final EventInbox inbox;
    private final BookingRepository bookings;
    private final ApplicationEventPublisher events;

    BookingListener(EventInbox inbox, BookingRepository bookings, ApplicationEventPublisher events) {
        this.inbox = inbox;
        this.bookings = bookings;
        this.events = events;
    }

    @KafkaHandler
    void scheduled(SessionScheduled e) {
        Booking booking = BookingEvents.booking(e, false, e.getLateEntry() == null ? null
                : new Booking.LateEntry(e.getLateEntry().getEnteredBy(), e.getLateEntry().getEnteredAt(),
                        e.getLateEntry().getSessionEnteredLate()));
        inbox.applyOnce(CONSUMER, e, () -> {
            bookings.upsert(booking);
            // telehealth notes it in this transaction (a synchronous in-process event)
            events.publishEvent(new SessionModalityNoted(e.getSessionId(),
                    BookingEvents.modality(e.getModality()), e.getOccurredAt()));
        });
    }

    @KafkaHandler
    void rescheduled(SessionRescheduled e) {
        Booking booking = BookingEvents.booking(e, false, null);
        inbox.applyOnce(CONSUMER, e, () -> bookings.upsert(booking));
    }

    @KafkaHandler
    void cancelled(SessionCancelled e) {
        Booking booking = BookingEvents.booking(e, true, null);
        inbox.applyOnce(CONSUMER, e, () -> bookings.upsert(booking));
    }

    @KafkaHandler
    void configured(ProgramConfigured e) {
        inbox.applyOnce(CONSUMER, e,
                () -> bookings.programGrace(e.getProgramId(), Math.max(0, e.getNoShowGraceMinutes())));
    }

    /** Other event types on these topics are not this consumer's business. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }
}
