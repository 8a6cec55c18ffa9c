package org.openiop.scheduling.waitlist;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Waitlist entries made for a series (issue 17): one ordinary entry per full session, linked to the series so staff
 * see them together and an accepted hold becomes a seat of the series. Holds, acceptance, decline and expiry are the
 * same as for any entry (WaitlistService); kept apart from it so the per-session flow stays untouched.
 */
@Service
public class SeriesWaitlist {

    private final WaitlistService service;
    private final WaitlistRepository waitlist;
    private final org.openiop.backbone.audit.AuditTrail audit;

    SeriesWaitlist(WaitlistService service, WaitlistRepository waitlist, org.openiop.backbone.audit.AuditTrail audit) {
        this.service = service;
        this.waitlist = waitlist;
        this.audit = audit;
    }

    /** One series day on the waitlist: its queue place (1 = offered the next free seat) while open. */
    public record SeriesEntry(UUID id, UUID sessionId, Instant startsAt, Integer place, String status,
            Instant heldUntil, UUID bookingId) {
    }

    /**
     * Queues the client for one session on behalf of the series, in the caller's transaction (a savepoint per day, so a
     * day the database refuses, e.g. already waiting, leaves the others).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID add(UUID seriesId, UUID sessionId, UUID clientId, String actor) {
        WaitlistEntry entry = service.add(sessionId, clientId, actor);
        waitlist.linkSeries(entry.id(), seriesId);
        return entry.id();
    }

    /**
     * The series no longer wants some of its days (cancelled from a day on, or dropped by a step-down): their open
     * entries from {@code from} on, except on the days in {@code keep}, leave their queues; a seat held for the client
     * goes to the next waiting client, in the caller's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int removeFrom(UUID seriesId, java.time.LocalDate from, java.util.Set<java.time.LocalDate> keep,
            String reason) {
        int removed = 0;
        for (WaitlistEntry entry : waitlist.openOfSeriesFrom(seriesId, from)) {
            if (keep.contains(waitlist.dayOf(entry.sessionId()))) {
                continue;
            }
            waitlist.transition(entry.id(), "REMOVED", entry.heldUntil(), WaitlistService.SYSTEM);
            audit.change("waitlist", entry.clientId().toString(), "removed " + entry.id() + " (" + reason + ")");
            if ("HELD".equals(entry.status())) {
                service.offerFreeSeats(entry.sessionId());
            }
            removed++;
        }
        return removed;
    }

    /** Every entry of the series in time order, with its place in its session's queue while it is open. */
    public List<SeriesEntry> ofSeries(UUID seriesId) {
        return waitlist.ofSeries(seriesId);
    }
}
