package org.openiop.notification.delivery;

import java.time.Instant;
import java.util.Map;

import org.openiop.notification.contact.Channel;

/**
 * A message to put on the queue. {@code reference}, {@code kind}, {@code channel} and {@code occasion} identify it:
 * the queue holds at most one row per combination.
 *
 * @param reference what the message is about: the booking id, or e.g. clientId/weekStart for a compliance alert
 * @param occasion  which occurrence: for session messages the session start (ISO instant) it announces
 * @param recipient fixed addresses for staff and officers; null for clients (resolved when sent, so changes apply)
 * @param details   what the template needs beyond the session (identifiers and figures only)
 */
public record NewDelivery(String reference, String kind, Channel channel, String occasion, Audience audience,
        String clientId, String programId, String bookingId, String recipient, Instant sessionStartsAt,
        Instant sessionEndsAt, String timeZone, int calendarSequence, Map<String, String> details, Instant dueAt) {

    public static NewDelivery forSession(String kind, Channel channel, Audience audience, String recipient,
            SessionFacts session, Instant dueAt) {
        return new NewDelivery(session.bookingId(), kind, channel, session.startsAt().toString(), audience,
                session.clientId(), session.programId(), session.bookingId(), recipient, session.startsAt(),
                session.endsAt(), session.timeZone(), session.revision(), Map.of(), dueAt);
    }

    /** The facts of a booked session that session messages carry. */
    public record SessionFacts(String bookingId, String clientId, String programId, Instant startsAt, Instant endsAt,
            String timeZone, int revision) {
    }
}
