package org.openiop.scheduling.session;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;


/**
 * A session as staff see it: local day and times, real instants, seats used of its capacity, modality (never its join
 * link), and, for a session entered after it took place, its late-entry mark.
 */
public record SessionView(UUID id, UUID programId, SessionType type, LocalDate date, String block,
        LocalTime startTime, LocalTime endTime, Instant startsAt, Instant endsAt, String timeZone, int capacity,
        int seatsUsed, String topic, UUID clinicianId, UUID roomId, String status, Modality modality,
        LateEntryPolicy.LateEntry lateEntry) {
}
