package org.openiop.attendance.booking;

import java.time.Instant;


/**
 * One client booked into one session, as this service expects it; {@code lateEntry} when the booking was entered after
 * its session had started (its attendance is then a late entry too).
 */
public record Booking(String bookingId, String sessionId, String clientId, String programId, SessionType sessionType,
        Block block, Instant startsAt, Instant endsAt, String timeZone, boolean cancelled, boolean recorded,
        LateEntry lateEntry) {

    /** Who entered the booking late and when; whether its session was entered late as well. */
    public record LateEntry(String enteredBy, Instant enteredAt, boolean sessionEnteredLate) {
    }
}
