package org.openiop.notification.offer;

import java.time.Instant;
import java.util.List;

/** Make-up times offered to a client, as scheduling announced them (MakeupOffered, read at the edge). */
record Offer(String offerId, String clientId, String programId, String timeZone, Instant expiresAt,
        Instant occurredAt, List<Option> options) {

    /** One choice: one or more sessions booked together. */
    record Option(int number, List<Time> sessions) {
    }

    record Time(String sessionId, Instant startsAt, Instant endsAt) {
    }
}
