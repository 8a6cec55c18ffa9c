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

    SeriesWaitlist(WaitlistService service, WaitlistRepository waitlist) {
        this.service = service;
        this.waitlist = waitlist;
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

    /** Every entry of the series in time order, with its place in its session's queue while it is open. */
    public List<SeriesEntry> ofSeries(UUID seriesId) {
        return waitlist.ofSeries(seriesId);
    }
}
