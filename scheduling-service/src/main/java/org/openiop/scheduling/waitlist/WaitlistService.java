package org.openiop.scheduling.waitlist;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues clients for full sessions and hands each freed seat to the first waiting client as a hold. The hold takes the
 * seat in the database (it counts in the session's seat counter), so between the seat freeing and the client's answer
 * no one else can book it; accepting turns it into an ordinary booking, checked by every booking rule.
 */
@Service
class WaitlistService {

    static final String SYSTEM = "system";

    private final WaitlistRepository waitlist;
    private final SessionRepository sessions;
    private final EnrolmentRepository enrolments;
    private final ProgramRepository programs;
    private final BookingService bookings;
    private final AuditTrail audit;
    private final WaitlistProperties settings;
    private final HoldNotices notices;
    private final Clock clock;

    WaitlistService(WaitlistRepository waitlist, SessionRepository sessions, EnrolmentRepository enrolments,
            ProgramRepository programs, BookingService bookings, AuditTrail audit, WaitlistProperties settings,
            HoldNotices notices, Clock clock) {
        this.waitlist = waitlist;
        this.sessions = sessions;
        this.enrolments = enrolments;
        this.programs = programs;
        this.bookings = bookings;
        this.audit = audit;
        this.settings = settings;
        this.notices = notices;
        this.clock = clock;
    }

    @Transactional
    public WaitlistEntry add(UUID sessionId, UUID clientId, String actor) {
        sessions.get(sessionId, "sessionId");
        enrolments.get(clientId, "clientId");
        UUID id = UUID.randomUUID();
        waitlist.insert(id, sessionId, clientId);
        waitlist.record(id, "WAITING", null, actor);
        audit.change("waitlist", clientId.toString(), "waitlisted " + id + " for session " + sessionId);
        return waitlist.find(id).orElseThrow();
    }

    /** The held seat becomes a booking: the hold is released and the seat booked in one transaction. */
    @Transactional
    public BookedSeat accept(UUID entryId, String actor) {
        WaitlistEntry entry = lockOpen(entryId);
        if (!"HELD".equals(entry.status())) {
            throw RuleViolation.conflict("no-hold", "No seat is held for this waitlist entry yet");
        }
        if (!entry.heldUntil().isAfter(clock.instant())) {
            throw RuleViolation.conflict("hold-expired", "The hold on this seat has expired");
        }
        waitlist.transition(entryId, "BOOKED", null, actor);
        BookedSeat seat = bookings.book(entry.sessionId(), entry.clientId(), waitlist.seriesOf(entryId));
        waitlist.linkBooking(entryId, seat.bookingId());
        notices.ended(entry, HoldOutcome.BOOKED, seat.bookingId(), actor);
        audit.change("waitlist", entry.clientId().toString(), "accepted hold " + entryId + " as " + seat.bookingId());
        return seat;
    }

    /** The client does not want the seat (or the place): a held seat goes to the next waiting client. */
    @Transactional
    public WaitlistEntry decline(UUID entryId, String actor) {
        return decline(entryId, actor, HoldOutcome.DECLINED);
    }

    /** Declined, or (NOT_BOOKABLE) the client's acceptance refused by a booking rule: the seat goes on either way. */
    @Transactional
    WaitlistEntry decline(UUID entryId, String actor, HoldOutcome outcome) {
        WaitlistEntry entry = lockOpen(entryId);
        waitlist.transition(entryId, "DECLINED", entry.heldUntil(), actor);
        audit.change("waitlist", entry.clientId().toString(), "declined " + entryId
                + (outcome == HoldOutcome.DECLINED ? "" : " (" + outcome + ")"));
        notices.ended(entry, outcome, null, actor);
        if ("HELD".equals(entry.status())) {
            offerFreeSeats(entry.sessionId());
        }
        return waitlist.find(entryId).orElseThrow();
    }

    /** Hold expired: released, and the seat offered to the next waiting client. Runs in the sweep's transaction. */
    void expire(WaitlistEntry hold) {
        waitlist.transition(hold.id(), "EXPIRED", hold.heldUntil(), SYSTEM);
        audit.change("waitlist", hold.clientId().toString(), "hold expired " + hold.id());
        notices.ended(hold, HoldOutcome.EXPIRED, null, SYSTEM);
        offerFreeSeats(hold.sessionId());
    }

    /** A discharged client leaves every queue; seats they held go to the next clients. */
    void removeClient(UUID clientId) {
        for (WaitlistEntry entry : waitlist.openForClient(clientId)) {
            waitlist.transition(entry.id(), "REMOVED", entry.heldUntil(), SYSTEM);
            audit.change("waitlist", clientId.toString(), "removed " + entry.id() + " (discharged)");
            notices.ended(entry, HoldOutcome.REMOVED, null, SYSTEM);
            if ("HELD".equals(entry.status())) {
                offerFreeSeats(entry.sessionId());
            }
        }
    }

    /**
     * Holds every free seat of the session for the next eligible waiting clients, in queue order. A cancelled session
     * closes its queue; a started one expires it. Called in the transaction that freed the seat.
     */
    void offerFreeSeats(UUID sessionId) {
        WaitlistRepository.SessionSeats session = waitlist.lockSession(sessionId);
        Instant now = clock.instant();
        if (!"SCHEDULED".equals(session.status()) || !session.startsAt().isAfter(now) || session.closed()) {
            String end = session.startsAt().isAfter(now) ? "REMOVED" : "EXPIRED";
            waitlist.ofSession(sessionId).stream().filter(WaitlistEntry::open).forEach(e -> {
                waitlist.transition(e.id(), end, e.heldUntil(), SYSTEM);
                audit.change("waitlist", e.clientId().toString(), end.toLowerCase() + " " + e.id());
                notices.ended(e, HoldOutcome.valueOf(end), null, SYSTEM);
            });
            return;
        }
        int free = session.free();
        while (free > 0) {
            WaitlistEntry next = waitlist.nextEligible(sessionId).orElse(null);
            if (next == null) {
                return;
            }
            Instant until = holdUntil(now, settings.hold(), session.startsAt());
            waitlist.transition(next.id(), "HELD", until, SYSTEM);
            audit.change("waitlist", next.clientId().toString(), "seat held " + next.id() + " until " + until);
            notices.held(next, until);
            free--;
        }
    }

    /** A hold lasts its configured time but never past the session's start. */
    static Instant holdUntil(Instant now, java.time.Duration hold, Instant sessionStart) {
        Instant until = now.plus(hold);
        return until.isAfter(sessionStart) ? sessionStart : until;
    }

    private WaitlistEntry lockOpen(UUID entryId) {
        WaitlistEntry found = waitlist.find(entryId)
                .orElseThrow(() -> RuleViolation.notFound("entryId", "Waitlist entry", entryId));
        // lock order of every scheduling write: program (shared), then the row
        programs.shareLock(found.programId());
        WaitlistEntry entry = waitlist.lock(entryId).orElseThrow();
        if (!entry.open()) {
            throw RuleViolation.conflict("waitlist-entry-closed",
                    "Waitlist entry " + entryId + " is " + entry.status().toLowerCase());
        }
        return entry;
    }
}
