package org.openiop.notification.delivery;

import java.util.Collection;
import java.util.Map;

/**
 * The latest attendance outcome of bookings (ATTENDED, NO_SHOW, UNEXCUSED, EXCUSED), for the send-time check of
 * follow-ups. Declared here and implemented by the package that keeps them ({@code followup}), which uses this one.
 */
public interface AttendanceOutcomes {

    /** The outcomes of those of these bookings that have one, by booking id, in one query. */
    Map<String, String> of(Collection<String> bookingIds);
}
