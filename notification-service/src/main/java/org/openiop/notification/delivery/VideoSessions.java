package org.openiop.notification.delivery;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which bookings are in a video session and their "Join online" links, for session messages. Declared here and
 * implemented by the package that knows them ({@code telehealth}), which uses this one.
 */
public interface VideoSessions {

    /** Which of these bookings are in a video session, in one query (a sender's next few messages). */
    Set<String> online(Collection<String> bookingIds);

    /** The join link of a booking in a video session; empty for in-person ones. */
    Optional<String> joinLink(String bookingId);

    /** The same when the caller already knows whether the booking is online ({@link #online}). */
    Optional<String> joinLink(String bookingId, boolean online);
}
