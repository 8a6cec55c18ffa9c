package org.openiop.notification.delivery;

import java.time.Instant;
import java.util.Map;

import org.openiop.notification.contact.Channel;

/** One row of the queue and delivery log. */
record Delivery(long id, String reference, String kind, Channel channel, String occasion, Audience audience,
        String clientId, String programId, String bookingId, String recipient, Instant sessionStartsAt,
        Instant sessionEndsAt, String timeZone, int calendarSequence, Map<String, String> details, Instant dueAt,
        DeliveryStatus status, int attempts, Instant nextAttemptAt, String providerId, String detail, Instant sentAt) {
}
