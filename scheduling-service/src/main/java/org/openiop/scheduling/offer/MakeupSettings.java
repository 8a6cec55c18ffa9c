package org.openiop.scheduling.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * A program's make-up rules as an admin sets them: whether an offer goes to the client automatically when a week
 * turns AT_RISK with time left (off unless set).
 */
record MakeupSettings(UUID programId, boolean automaticOffers, String updatedBy, Instant updatedAt) {

    static MakeupSettings defaults(UUID programId) {
        return new MakeupSettings(programId, false, null, null);
    }
}
