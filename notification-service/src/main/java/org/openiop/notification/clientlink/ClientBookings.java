package org.openiop.notification.clientlink;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A client's booked sessions, for their page. Declared here and implemented by the package that keeps the bookings
 * ({@code reminder}), which uses this one (its messages carry the client's link).
 */
public interface ClientBookings {

    /** A scheduled booking: when, in which program (for the place) and in the session's zone. */
    record Booked(String bookingId, String programId, Instant startsAt, Instant endsAt, ZoneId timeZone) {
    }

    /** The client's scheduled bookings not over at {@code now}, soonest first, at most {@code limit}. */
    List<Booked> notOver(String clientId, Instant now, int limit);
}
