package org.openiop.attendance.booking;

import org.openiop.attendance.telehealth.TelehealthServices;

import java.time.Instant;
import java.time.ZoneId;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the bookings staff record attendance against, from the session stream, and each program's no-show grace.
 * A cancellation may arrive for a booking never seen scheduled (it is stored as cancelled): nothing is dropped.
 */
@Component
class BookingListener {

    static final String CONSUMER = "attendance.bookings";

    private final EventInbox inbox;
    private final Bookings bookings;
    private final TelehealthServices telehealth;

    BookingListener(EventInbox inbox, Bookings bookings, TelehealthServices telehealth) {
        this.inbox = inbox;
        this.bookings = bookings;
        this.telehealth = telehealth;
    }

    @KafkaListener(id = "attendance-bookings", idIsGroup = false, topics = { "#{@topics.sessions()}", "#{@topics.programs()}" })
    void on(SpecificRecord event) {
        if (event instanceof SessionScheduled e) {
            inbox.applyOnce(CONSUMER, e, () -> {
                bookings.upsert(new Booking(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                        e.getSessionType(), e.getBlock(), e.getStartsAt(), checkedEnd(e.getStartsAt(), e.getEndsAt()),
                        zone(e.getTimeZone()), false, false, e.getLateEntry() == null ? null
                                : new Booking.LateEntry(e.getLateEntry().getEnteredBy(),
                                        e.getLateEntry().getEnteredAt(), e.getLateEntry().getSessionEnteredLate())));
                telehealth.note(e.getSessionId(), e.getModality(), e.getOccurredAt());
            });
        } else if (event instanceof SessionRescheduled e) {
            inbox.applyOnce(CONSUMER, e, () -> bookings.upsert(new Booking(e.getBookingId(), e.getSessionId(),
                    e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(),
                    checkedEnd(e.getStartsAt(), e.getEndsAt()), zone(e.getTimeZone()), false, false, null)));
        } else if (event instanceof SessionCancelled e) {
            inbox.applyOnce(CONSUMER, e, () -> bookings.upsert(new Booking(e.getBookingId(), e.getSessionId(),
                    e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(),
                    checkedEnd(e.getStartsAt(), e.getEndsAt()), zone(e.getTimeZone()), true, false, null)));
        } else if (event instanceof ProgramConfigured e) {
            inbox.applyOnce(CONSUMER, e,
                    () -> bookings.programGrace(e.getProgramId(), Math.max(0, e.getNoShowGraceMinutes())));
        }
        // Other event types on these topics are not this consumer's business.
    }

    static Instant checkedEnd(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new EventRejectedException("session ends " + end + " not after it starts " + start);
        }
        return end;
    }

    static String zone(String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown time zone " + zone);
        }
    }
}
