package org.openiop.scheduling.waitlist;

import java.time.Instant;
import java.util.UUID;

/** One client's place in a session's queue; {@code heldUntil} is set while a freed seat is held for them. */
record WaitlistEntry(UUID id, UUID sessionId, UUID clientId, UUID programId, long position, String status,
        Instant heldUntil, UUID bookingId, Instant createdAt) {

    boolean open() {
        return "WAITING".equals(status) || "HELD".equals(status);
    }
}
