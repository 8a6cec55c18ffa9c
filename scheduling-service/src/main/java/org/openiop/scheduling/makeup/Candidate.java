package org.openiop.scheduling.makeup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A session still ahead with a free seat the client could take; minutes are its real length inside the week. */
public record Candidate(UUID sessionId, String sessionType, LocalDate date, String block, Instant startsAt,
        Instant endsAt, int freeSeats, long minutes) {

    boolean overlaps(Candidate other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
