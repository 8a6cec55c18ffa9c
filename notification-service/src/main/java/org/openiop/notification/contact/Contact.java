package org.openiop.notification.contact;

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

    public String address(Channel channel) {
        return channel == Channel.EMAIL ? email : phone;
    }

    public ZoneId zoneOr(ZoneId fallback) {
        return timeZone != null ? timeZone : fallback;
    }
}
