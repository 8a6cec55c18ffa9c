package org.openiop.scheduling.booking;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.session.LateEntryPolicy;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

@RestController
class BookingController {

    private final BookingService service;
    private final BookingRepository bookings;
    private final AuditTrail audit;

    BookingController(BookingService service, BookingRepository bookings, AuditTrail audit) {
        this.service = service;
        this.bookings = bookings;
        this.audit = audit;
    }

    /** {@code lateEntryReason}: required to book into a session that has already started (a late entry). */
    record BookRequest(@NotNull UUID clientId, @Size(max = 500) String lateEntryReason) {
    }

    record CancelRequest(ChangeReason reason, @Size(max = 500) String note) {
    }

    record MoveRequest(@NotNull UUID sessionId, ChangeReason reason) {
    }

    /** A booking as returned to staff: {@code id} is the booking id. */
    record BookingView(UUID id, UUID clientId, UUID sessionId, UUID programId, UUID seriesId, String status,
            String sessionType, String block, java.time.LocalDate date, java.time.Instant startsAt,
            java.time.Instant endsAt, String timeZone, LateEntryPolicy.LateEntry lateEntry) {

        static BookingView of(BookedSeat s) {
            return new BookingView(s.bookingId(), s.clientId(), s.sessionId(), s.programId(), s.seriesId(),
                    s.status(), s.sessionType().name(), s.block(), s.date(), s.startsAt(), s.endsAt(), s.timeZone(),
                    s.lateEntry());
        }
    }

    @PostMapping("/api/sessions/{sessionId}/bookings")
    ResponseEntity<BookingView> book(@PathVariable UUID sessionId, @Valid @RequestBody BookRequest request) {
        BookedSeat seat = service.book(sessionId, request.clientId(), null, request.lateEntryReason());
        return ResponseEntity.created(URI.create("/api/bookings/" + seat.bookingId())).body(BookingView.of(seat));
    }

    @GetMapping("/api/bookings/{bookingId}")
    BookingView get(@PathVariable UUID bookingId) {
        BookedSeat seat = bookings.find(bookingId)
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        audit.read("booking", seat.clientId().toString());
        return BookingView.of(seat);
    }

    /** The session's roster: who holds a seat. */
    @GetMapping("/api/sessions/{sessionId}/bookings")
    List<BookingView> roster(@PathVariable UUID sessionId) {
        List<BookedSeat> seats = bookings.bookedInSession(sessionId);
        audit.reads("roster", seats.stream().map(s -> s.clientId().toString()).toList());
        return seats.stream().map(BookingView::of).toList();
    }

    @PostMapping("/api/bookings/{bookingId}/cancel")
    BookingView cancel(@PathVariable UUID bookingId, @Valid @RequestBody(required = false) CancelRequest request) {
        CancelRequest r = request == null ? new CancelRequest(null, null) : request;
        return BookingView.of(service.cancel(bookingId, r.reason() == null ? ChangeReason.CLIENT_REQUEST : r.reason(),
                r.note()));
    }

    @PostMapping("/api/bookings/{bookingId}/reschedule")
    BookingView reschedule(@PathVariable UUID bookingId, @Valid @RequestBody MoveRequest request) {
        return BookingView.of(service.move(bookingId, request.sessionId(), request.reason()));
    }
}
