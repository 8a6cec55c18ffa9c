package org.openiop.notification.hold;

import java.time.Instant;

/** A seat held for a client from a waitlist, as scheduling announced it (WaitlistSeatHeld, checked at the edge). */
record HeldSeat(String entryId, String clientId, String programId, String timeZone, Instant sessionStartsAt,
        Instant sessionEndsAt, Instant heldUntil, Instant occurredAt) {
}
