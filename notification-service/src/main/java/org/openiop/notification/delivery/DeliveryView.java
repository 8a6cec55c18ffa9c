package org.openiop.notification.delivery;

import java.time.Instant;

import org.openiop.notification.contact.Channel;

/**
 * A message as the delivery log shows it.
 *
 * @param reason why an alert was raised (e.g. "ON_TRACK -> AT_RISK (episode 2): attended ..."), kept whatever
 *               happens to the message; null for client messages
 * @param detail why it was skipped, dropped or failed
 */
record DeliveryView(long id, String bookingId, String kind, Channel channel, Audience audience,
        Instant sessionStartsAt, Instant dueAt, DeliveryStatus status, int attempts, String providerId, String reason,
        String detail, Instant sentAt) {

    public static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.bookingId(), d.kind(), d.channel(), d.audience(), d.sessionStartsAt(),
                d.dueAt(), d.status(), d.attempts(), d.providerId(),
                d.audience() == Audience.CLIENT ? null : d.details().get("reason"), d.detail(), d.sentAt());
    }
}
