package org.openiop.scheduling.makeup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A session still ahead with a free seat the client could take; minutes are its real length inside the week. The
 * program is the client's own or a sibling program their program allows (named so staff and client see where).
 */
public record Candidate(UUID sessionId, String sessionType, LocalDate date, String block, Instant startsAt,
        Instant endsAt, int freeSeats, long minutes, UUID programId, String programName) {

    Candidate named(String name) {
        return new Candidate(sessionId, sessionType, date, block, startsAt, endsAt, freeSeats, minutes, programId,
                name);
    }

    boolean overlaps(Candidate other) {
        return startsAt.isBefore(other.endsAt) && other.startsAt.isBefore(endsAt);
    }
}
