package org.openiop.scheduling.session;

import java.util.UUID;

/**
 * What a session's cancellation or move does to the seats booked in it. Implemented by the {@code booking} package,
 * which depends on this one: declared here so that {@code session} does not depend back on {@code booking} (issue
 * 16, no package cycle). Called inside the session's transaction, so the seats' events commit with the change.
 */
public interface SessionSeats {

    /** Cancels every seat booked in the session (one SessionCancelled each); returns how many. */
    int cancelAll(UUID sessionId, ChangeReason reason, String note);

    /**
     * Runs {@code moveSession} (the session's own move), then moves its seats with it: each seat's rules are
     * re-checked and each gets a SessionRescheduled from its previous time.
     */
    void moveWith(UUID sessionId, Runnable moveSession, ChangeReason reason);
}
