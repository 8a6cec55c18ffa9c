package org.openiop.notification.delivery;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The bookings as the session events left them, as far as sending needs them. Declared here and implemented by the
 * package that keeps the bookings ({@code reminder}), which uses this one: delivery depends on no package above it.
 */
public interface BookedSessions {

    /** A booking's current state: cancelled or not, and when its session starts now. */
    record State(boolean cancelled, Instant startsAt) {
    }

    /** The states of those of these bookings that are known, by booking id, in one query. */
    Map<String, State> states(Collection<String> bookingIds);

    /** The client of a known booking. */
    Optional<String> clientOf(String bookingId);
}
