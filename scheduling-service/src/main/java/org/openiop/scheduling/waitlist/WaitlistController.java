package org.openiop.scheduling.waitlist;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Staff queue clients for full sessions, see the queue with its history, and answer holds for the client. */
@RestController
class WaitlistController {

    private final WaitlistService service;
    private final WaitlistRepository waitlist;
    private final SessionRepository sessions;
    private final AuditTrail audit;

    WaitlistController(WaitlistService service, WaitlistRepository waitlist, SessionRepository sessions,
            AuditTrail audit) {
        this.service = service;
        this.waitlist = waitlist;
        this.sessions = sessions;
        this.audit = audit;
    }

    record AddRequest(@NotNull UUID clientId) {
    }

    /** {@code place}: 1 for the first open entry of the queue, null once closed or when read on its own. */
    record EntryView(UUID id, UUID sessionId, UUID clientId, Integer place, String status, Instant heldUntil,
            UUID bookingId, Instant createdAt, List<WaitlistRepository.HistoryRow> history) {
    }

    /** The booking an accepted hold became. */
    record Accepted(UUID entryId, UUID bookingId, UUID sessionId, UUID clientId, Instant startsAt) {
    }

    @PostMapping("/api/sessions/{sessionId}/waitlist")
    ResponseEntity<EntryView> add(@PathVariable UUID sessionId, @Valid @RequestBody AddRequest request,
            Principal who) {
        WaitlistEntry entry = service.add(sessionId, request.clientId(), who.getName());
        return ResponseEntity.created(URI.create("/api/waitlist/" + entry.id())).body(view(entry));
    }

    /** Open entries in queue order (the first is offered the next free seat), then the closed ones. */
    @GetMapping("/api/sessions/{sessionId}/waitlist")
    List<EntryView> queue(@PathVariable UUID sessionId) {
        sessions.get(sessionId, "sessionId");
        List<WaitlistEntry> entries = waitlist.ofSession(sessionId);
        audit.reads("waitlist", entries.stream().map(e -> e.clientId().toString()).distinct().toList());
        java.util.concurrent.atomic.AtomicInteger place = new java.util.concurrent.atomic.AtomicInteger();
        return entries.stream().map(e -> view(e, e.open() ? place.incrementAndGet() : null)).toList();
    }

    @GetMapping("/api/waitlist/{entryId}")
    EntryView get(@PathVariable UUID entryId) {
        WaitlistEntry entry = waitlist.find(entryId)
                .orElseThrow(() -> RuleViolation.notFound("entryId", "Waitlist entry", entryId));
        audit.read("waitlist", entry.clientId().toString());
        return view(entry);
    }

    @PostMapping("/api/waitlist/{entryId}/accept")
    ResponseEntity<Accepted> accept(@PathVariable UUID entryId, Principal who) {
        BookedSeat seat = service.accept(entryId, who.getName());
        return ResponseEntity.created(URI.create("/api/bookings/" + seat.bookingId()))
                .body(new Accepted(entryId, seat.bookingId(), seat.sessionId(), seat.clientId(), seat.startsAt()));
    }

    @PostMapping("/api/waitlist/{entryId}/decline")
    EntryView decline(@PathVariable UUID entryId, Principal who) {
        return view(service.decline(entryId, who.getName()));
    }

    private EntryView view(WaitlistEntry e) {
        return view(e, null);
    }

    private EntryView view(WaitlistEntry e, Integer place) {
        return new EntryView(e.id(), e.sessionId(), e.clientId(), place, e.status(), e.heldUntil(),
                e.bookingId(), e.createdAt(), waitlist.history(e.id()));
    }
}
