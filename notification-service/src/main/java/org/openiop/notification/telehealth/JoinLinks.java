package org.openiop.notification.telehealth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.notification.clientlink.ClientLinkProperties;
import org.openiop.notification.clientlink.JoinLinksNow;
import org.openiop.notification.delivery.VideoSessions;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A client's "Join online" link for a video session: {@code <front door>/j/<join code>}. The code is derived from
 * the booking id with the shared join key (ADR 0011), so the meeting link itself never reaches this service; the
 * front door asks scheduling-service for it when the client opens the link, inside the join window.
 */
@Component
class JoinLinks implements VideoSessions, JoinLinksNow {

    private final OnlineBookingRepository bookings;
    private final JoinKeys keys;
    private final String pageUrl;
    private final Duration window;
    private final Clock clock;

    JoinLinks(OnlineBookingRepository bookings, JoinKeys keys, ClientLinkProperties links,
            @Value("${iop.telehealth.join-window:15m}") Duration window, Clock clock) {
        this.bookings = bookings;
        this.keys = keys;
        this.pageUrl = links.pageUrl().replaceAll("/+$", "");
        this.window = window;
        this.clock = clock;
    }

    @Override
    public Set<String> online(Collection<String> bookingIds) {
        return bookings.online(bookingIds);
    }

    /** The link for a booking in a video session (in reminders, whatever the time); empty for in-person ones. */
    @Override
    public Optional<String> joinLink(String bookingId) {
        return bookings.online(bookingId) ? Optional.of(url(bookingId)) : Optional.empty();
    }

    @Override
    public Optional<String> joinLink(String bookingId, boolean online) {
        return online ? Optional.of(url(bookingId)) : Optional.empty();
    }

    /** On the client's page: the link only from {@code join-window} before the start until the end. */
    @Override
    public Optional<String> openNow(String bookingId, Instant startsAt, Instant endsAt) {
        Instant now = clock.instant();
        if (now.isBefore(startsAt.minus(window)) || !now.isBefore(endsAt)) {
            return Optional.empty();
        }
        return joinLink(bookingId);
    }

    private String url(String bookingId) {
        return pageUrl + "/j/" + keys.code(UUID.fromString(bookingId));
    }
}
