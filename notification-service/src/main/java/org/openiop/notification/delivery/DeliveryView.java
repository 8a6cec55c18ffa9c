package org.openiop.notification.delivery;

import java.time.Instant;

import org.openiop.notification.contact.Channel;

/** A message as the delivery log shows it. */
public record DeliveryView(long id, String bookingId, String kind, Channel channel, Audience audience,
        Instant sessionStartsAt, Instant dueAt, DeliveryStatus status, int attempts, String providerId, String detail,
        Instant sentAt) {

    public static DeliveryView of(Delivery d) {
        return new DeliveryView(d.id(), d.bookingId(), d.kind(), d.channel(), d.audience(), d.sessionStartsAt(),
                d.dueAt(), d.status(), d.attempts(), d.providerId(), d.detail(), d.sentAt());
    }
}
