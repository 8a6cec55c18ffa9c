package org.openiop.notification.contact;

import java.util.Map;
import java.util.Set;

/** A client's contact details as staff see them. */
record ContactView(String clientId, String email, String phone, Set<Channel> channels,
        Map<Channel, Boolean> consent, ContactRequest.QuietHoursRequest quietHours, Language language,
        String timeZone, boolean smsOptedOut) {

    static ContactView of(Contact c) {
        return new ContactView(c.clientId(), c.email(), c.phone(), c.channels(),
                Map.of(Channel.EMAIL, c.emailConsent(), Channel.SMS, c.smsConsent()),
                c.quietHours() == null ? null
                        : new ContactRequest.QuietHoursRequest(c.quietHours().start(), c.quietHours().end()),
                c.language(), c.timeZone() == null ? null : c.timeZone().getId(), c.smsOptedOut());
    }
}
