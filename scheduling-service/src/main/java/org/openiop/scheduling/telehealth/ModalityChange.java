package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.SessionEvents;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A session moved online, back to the room, or given a new meeting link after it was created. Every booked seat is
 * announced again with a {@code SessionScheduled} carrying the new modality (same times, so notification plans no
 * new reminders, it only notes whether they carry "Join online"; attendance notes which sessions are video ones).
 * The link itself stays here, as at creation.
 */
@Service
class ModalityChange {

    private final SessionRepository sessions;
    private final BookingRepository bookings;
    private final SessionEvents events;
    private final OutboxWriter outbox;
    private final JoinLinks links;
    private final Clock clock;

    ModalityChange(SessionRepository sessions, BookingRepository bookings, SessionEvents events, OutboxWriter outbox,
            JoinLinks links, Clock clock) {
        this.sessions = sessions;
        this.bookings = bookings;
        this.events = events;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
    }

    @Transactional
    public SessionView change(UUID sessionId, Modality modality, String joinUrl) {
        URI url = JoinLinks.checkedUrl(modality, joinUrl);
        SessionView session = sessions.lock(sessionId);
        if (!"SCHEDULED".equals(session.status())) {
            throw RuleViolation.conflict("session-cancelled", "Session " + sessionId + " is cancelled");
        }
        if (!clock.instant().isBefore(session.endsAt())) {
            throw new RuleViolation(org.springframework.http.HttpStatus.CONFLICT, "session-ended",
                    "Session " + sessionId + " has ended; its modality is part of the record",
                    List.of(new RuleViolation.FieldProblem("modality", "the session has ended")));
        }
        Optional<URI> before = links.find(sessionId);
        if (session.modality() == modality && Objects.equals(before.orElse(null), url)) {
            return session; // nothing changes, nothing is announced
        }
        if (url == null) {
            links.remove(sessionId);
        } else {
            links.set(sessionId, url);
        }
        if (session.modality() != modality) {
            sessions.setModality(sessionId, modality);
            for (BookedSeat seat : bookings.bookedInSession(sessionId)) {
                outbox.append(events.scheduled(seat));
            }
        }
        return sessions.get(sessionId, "sessionId");
    }
}
