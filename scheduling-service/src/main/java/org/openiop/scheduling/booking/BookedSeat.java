package org.openiop.scheduling.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.LateEntryPolicy;
import org.openiop.scheduling.session.SessionType;

/**
 * One client's seat in one session, with everything its events carry; {@code lateEntry} when the seat was entered
 * after the session started, {@code sessionLateEntry} when the session itself was.
 */
public record BookedSeat(UUID bookingId, UUID clientId, UUID programId, UUID sessionId, UUID seriesId, String status,
        SessionType sessionType, String block, LocalDate date, Instant startsAt, Instant endsAt, String timeZone,
        Modality modality, LateEntryPolicy.LateEntry lateEntry, boolean sessionLateEntry) {
}
