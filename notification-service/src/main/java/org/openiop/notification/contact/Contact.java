package org.openiop.notification.contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

/**
 * How to reach one client, and on which terms. The only place on the platform where an email address or phone number
 * is kept.
 *
 * @param timeZone    the client's own time zone, or null to use the program's
 * @param smsOptedOut the phone replied STOP (overrides SMS consent until it replies START)
 */
public record Contact(String clientId, String email, String phone, Set<Channel> channels, boolean emailConsent,
        boolean smsConsent, QuietHours quietHours, Language language, ZoneId timeZone, boolean smsOptedOut) {

    public boolean consents(Channel channel) {
        return switch (channel) {
            case EMAIL -> emailConsent;
            case SMS -> smsConsent && !smsOptedOut;
        };
    }

    /**
     * Why a message on this channel cannot reach the client, or empty if it can: the one rule used when a message is
     * planned (recorded SKIPPED at once) and again when it is sent.
     */
    public java.util.Optional<String> cannotReceive(Channel channel) {
        if (!channels.contains(channel)) {
            return java.util.Optional.of("channel not preferred by the client");
        }
        if (channel == Channel.SMS && smsOptedOut) {
            return java.util.Optional.of("opted out by SMS reply");
        }
        if (!consents(channel)) {
            return java.util.Optional.of("no consent for " + channel);
        }
        if (address(channel) == null) {
            return java.util.Optional.of("no address for " + channel);
        }
        return java.util.Optional.empty();
    }

    public String address(Channel channel) {
        return channel == Channel.EMAIL ? email : phone;
    }

    public ZoneId zoneOr(ZoneId fallback) {
        return timeZone != null ? timeZone : fallback;
    }

    /** When a message to this client meant to go out at {@code now} is sent (see {@link QuietHours#sendPromptly}). */
    public Instant sendPromptly(Instant now, Instant latest, ZoneId fallbackZone) {
        return QuietHours.sendPromptly(now, latest, zoneOr(fallbackZone), quietHours);
    }
}
