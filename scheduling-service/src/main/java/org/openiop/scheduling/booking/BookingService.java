package org.openiop.scheduling.booking;

import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.session.LateEntryPolicy;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts clients into sessions, takes them out and moves them. Every rule of a seat is enforced by PostgreSQL when the
 * row is written (see V2__scheduling.sql); each change appends exactly one event per seat to the outbox in the same
 * transaction.
 */
@Service
public class BookingService {

    private final BookingRepository bookings;
    private final SessionRepository sessions;
    private final ProgramRepository programs;
    private final EnrolledClients enrolments;
    private final SessionEvents events;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final BookingMetrics metrics;
    private final ApplicationEventPublisher seatsFreed;
    private final LateEntryPolicy lateEntries;

    BookingService(BookingRepository bookings, SessionRepository sessions, ProgramRepository programs,
            EnrolledClients enrolments, SessionEvents events, OutboxWriter outbox, AuditTrail audit,
            BookingMetrics metrics, ApplicationEventPublisher seatsFreed, LateEntryPolicy lateEntries) {
        this.lateEntries = lateEntries;
        this.bookings = bookings;
        this.sessions = sessions;
        this.programs = programs;
        this.enrolments = enrolments;
        this.events = events;
        this.outbox = outbox;
        this.audit = audit;
        this.metrics = metrics;
        this.seatsFreed = seatsFreed;
    }

    @Transactional
    public BookedSeat book(UUID sessionId, UUID clientId, UUID seriesId) {
        return book(sessionId, clientId, seriesId, null);
    }

    /**
     * Books a seat; a session that has already started takes one only as a late entry, with a reason, within the
     * late-entry window (LateEntryPolicy). Series occurrences are never late.
     */
    @Transactional
    public BookedSeat book(UUID sessionId, UUID clientId, UUID seriesId, String lateEntryReason) {
        SessionView session = sessions.get(sessionId, "sessionId");
        enrolments.requireKnown(clientId, "clientId");
        LateEntryPolicy.LateEntry late = seriesId != null ? null
                : lateEntries.check(session.startsAt(), lateEntryReason, "sessionId", "session-in-past");
        UUID bookingId = UUID.randomUUID();
        try {
            if (late == null) {
                bookings.insert(bookingId, sessionId, clientId, seriesId);
            } else {
                bookings.insertLate(bookingId, sessionId, clientId, late);
            }
        } catch (RuntimeException refusedByARule) {
            metrics.refused();
            throw refusedByARule;
        }
        metrics.booked();
        BookedSeat seat = bookings.find(bookingId).orElseThrow();
        outbox.append(events.scheduled(seat));
        audit.change("booking", clientId.toString(), "booked " + bookingId + " in session " + sessionId
                + (late == null ? "" : " as a late entry: " + late.reason()));
        return seat;
    }

    @Transactional
    public BookedSeat cancel(UUID bookingId, ChangeReason reason, String note) {
        BookedSeat seat = lockBooking(bookingId);
        requireBooked(seat);
        cancelSeats(List.of(seat), reason == null ? ChangeReason.OTHER : reason, note);
        return bookings.find(bookingId).orElseThrow();
    }

    /** Cancels seats that are booked, one SessionCancelled each. */
    @Transactional
    public void cancelSeats(List<BookedSeat> seats, ChangeReason reason, String note) {
        for (BookedSeat seat : seats) {
            bookings.markCancelled(seat.bookingId(), reason, note);
            outbox.append(events.cancelled(seat, reason));
            audit.change("booking", seat.clientId().toString(), "cancelled " + seat.bookingId() + " " + reason);
            seatsFreed.publishEvent(new SeatFreed(seat.sessionId(), seat.clientId()));
        }
    }

    /** Moves one client's seat to another session (same booking id); the target's rules are checked as for a booking. */
    @Transactional
    public BookedSeat move(UUID bookingId, UUID targetSessionId, ChangeReason reason) {
        BookedSeat before = lockBooking(bookingId);
        requireBooked(before);
        sessions.get(targetSessionId, "sessionId");
        if (targetSessionId.equals(before.sessionId())) {
            throw RuleViolation.invalid("sessionId", "the booking is already in session " + targetSessionId);
        }
        bookings.moveTo(bookingId, targetSessionId);
        BookedSeat after = bookings.find(bookingId).orElseThrow();
        outbox.append(events.rescheduled(after, before.startsAt(), before.endsAt(),
                reason == null ? ChangeReason.OTHER : reason));
        audit.change("booking", after.clientId().toString(), "moved " + bookingId + " to session " + targetSessionId);
        seatsFreed.publishEvent(new SeatFreed(before.sessionId(), before.clientId()));
        return after;
    }

    /** After a whole session moved: one SessionRescheduled per seat that was in it. */
    @Transactional
    public void announceMoved(List<BookedSeat> before, ChangeReason reason) {
        for (BookedSeat seat : before) {
            BookedSeat after = bookings.find(seat.bookingId()).orElseThrow();
            outbox.append(events.rescheduled(after, seat.startsAt(), seat.endsAt(), reason));
            audit.change("booking", seat.clientId().toString(), "session moved " + seat.sessionId());
        }
    }

    /** Program row first (shared), then the booking: the lock order every scheduling write follows. */
    private BookedSeat lockBooking(UUID bookingId) {
        BookedSeat seat = bookings.find(bookingId)
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        programs.shareLock(seat.programId());
        return bookings.lock(bookingId).orElseThrow();
    }

    private static void requireBooked(BookedSeat seat) {
        if (!"BOOKED".equals(seat.status())) {
            throw RuleViolation.conflict("booking-cancelled", "Booking " + seat.bookingId() + " is already cancelled");
        }
    }
}
