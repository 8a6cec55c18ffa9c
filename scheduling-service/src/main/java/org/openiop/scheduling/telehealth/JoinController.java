package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Join online": a client's join code (in their reminders and on their page, ADR 0011) opens the session's meeting
 * from {@code join-window} before the start until the end. The code is the credential (like a signed link), so the
 * endpoint needs no sign-in; the answer carries the meeting link with the client's join tag as display name.
 */
@RestController
class JoinController {

    static final String JOIN_PATH = "/api/telehealth/join/{code}";

    private final JoinKeys keys;
    private final BookingRepository bookings;
    private final SessionRepository sessions;
    private final JoinLinks links;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration window;

    JoinController(JoinKeys keys, BookingRepository bookings, SessionRepository sessions, JoinLinks links,
            AuditTrail audit, Clock clock, @Value("${iop.telehealth.join-window:15m}") Duration window) {
        this.keys = keys;
        this.bookings = bookings;
        this.sessions = sessions;
        this.links = links;
        this.audit = audit;
        this.clock = clock;
        this.window = window;
    }

    /** @param url the meeting link with {@code uname=<tag>}; @param tag the client's display name in the meeting */
    record Join(URI url, String tag, Instant opensAt, Instant endsAt) {
    }

    record SessionLink(UUID sessionId, Modality modality, URI joinUrl) {
    }

    @GetMapping(JOIN_PATH)
    Join join(@PathVariable String code) {
        UUID bookingId = keys.bookingOf(code).orElseThrow(JoinController::unknown);
        BookedSeat seat = bookings.find(bookingId).orElseThrow(JoinController::unknown);
        if (!"BOOKED".equals(seat.status()) || seat.modality() == Modality.IN_PERSON) {
            throw unknown();
        }
        URI meeting = links.find(seat.sessionId()).orElseThrow(JoinController::unknown);
        Instant now = clock.instant();
        Instant opens = seat.startsAt().minus(window);
        if (now.isBefore(opens) || !now.isBefore(seat.endsAt())) {
            throw new RuleViolation(HttpStatus.CONFLICT, "join-not-open", "The meeting opens at " + opens
                    + " and closes at " + seat.endsAt(), List.of(new RuleViolation.FieldProblem("code",
                            "opens " + opens + ", closes " + seat.endsAt())));
        }
        audit.read("session-join-link", seat.clientId().toString());
        String tag = keys.tag(bookingId);
        URI url = UriComponentsBuilder.fromUri(meeting).replaceQueryParam("uname", tag).build(true).toUri();
        return new Join(url, tag, opens, seat.endsAt());
    }

    /** Staff running the session see its link (STAFF, ADMIN). */
    @GetMapping("/api/sessions/{sessionId}/join-link")
    SessionLink sessionLink(@PathVariable UUID sessionId) {
        SessionView session = sessions.get(sessionId, "sessionId");
        return new SessionLink(sessionId, session.modality(), links.find(sessionId).orElse(null));
    }

    private static RuleViolation unknown() {
        return RuleViolation.notFound("code", "Join link", "given");
    }
}
