package org.openiop.attendance.booking;

import java.time.Instant;

import org.openiop.events.Block;
import org.openiop.events.SessionType;

/** One client booked into one session, as this service expects it. */
public record Booking(String bookingId, String sessionId, String clientId, String programId, SessionType sessionType,
        Block block, Instant startsAt, Instant endsAt, String timeZone, boolean cancelled, boolean recorded) {
}
