package org.openiop.attendance.telehealth;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openiop.attendance.booking.BookingRepository;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

/** What the video platform reported, for staff: a session's participants, the unmatched ones, matching by hand. */
@RestController
class ParticipantController {

    private final PresenceRepository ledger;
    private final TelehealthAttendance attendance;
    private final BookingRepository bookings;
    private final AuditTrail audit;
    private final Clock clock;

    ParticipantController(PresenceRepository ledger, TelehealthAttendance attendance, BookingRepository bookings,
            AuditTrail audit, Clock clock) {
        this.ledger = ledger;
        this.attendance = attendance;
        this.bookings = bookings;
        this.audit = audit;
        this.clock = clock;
    }

    record Interval(Instant joinedAt, Instant leftAt) {
    }

    record ParticipantView(UUID id, String platform, String displayName, String bookingId, String matchedBy,
            String sessionId, List<Interval> intervals) {
    }

    record MatchRequest(@NotBlank String bookingId) {
    }

    @GetMapping("/api/sessions/{sessionId}/telehealth/participants")
    @Transactional
    List<ParticipantView> ofSession(@PathVariable String sessionId) {
        if (bookings.ofSession(sessionId).isEmpty()) {
            throw RuleViolation.notFound("sessionId", "Session", sessionId);
        }
        return views(ledger.ofSession(sessionId));
    }

    @GetMapping("/api/telehealth/unmatched")
    @Transactional
    List<ParticipantView> unmatched(@RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        Instant until = to == null ? clock.instant().plus(Duration.ofDays(1)) : to;
        Instant since = from == null ? until.minus(Duration.ofDays(31)) : from;
        if (!until.isAfter(since)) {
            throw RuleViolation.invalid("to", "to must be after from");
        }
        return views(ledger.unmatched(since, until, 500));
    }

    @PostMapping("/api/telehealth/participants/{participantId}/match")
    ParticipantView match(@PathVariable UUID participantId, @Valid @RequestBody MatchRequest request,
            Principal principal) {
        return views(List.of(attendance.match(participantId, request.bookingId(), principal.getName()))).get(0);
    }

    private List<ParticipantView> views(List<PresenceRepository.Participant> participants) {
        Map<UUID, List<Interval>> intervals = ledger.presences(participants.stream()
                .map(PresenceRepository.Participant::id).toList()).stream().collect(Collectors.groupingBy(
                        PresenceRepository.Presence::participantId, Collectors.mapping(
                                p -> new Interval(p.joinedAt(), p.leftAt()), Collectors.toList())));
        // one audit row for the request, naming every client it showed
        audit.reads("telehealth-participant", participants.stream().map(PresenceRepository.Participant::bookingId)
                .filter(b -> b != null).distinct().flatMap(b -> bookings.find(b).stream()).map(bk -> bk.clientId())
                .toList());
        return participants.stream().map(p -> new ParticipantView(p.id(), p.platform(), p.displayName(),
                p.bookingId(), p.matchedBy(), p.sessionId(), intervals.getOrDefault(p.id(), List.of()))).toList();
    }
}
