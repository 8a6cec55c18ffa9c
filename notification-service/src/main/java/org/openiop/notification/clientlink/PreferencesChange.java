package org.openiop.notification.clientlink;

import org.openiop.notification.contact.ContactRequest;
import org.openiop.notification.contact.Language;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * What a client may change on their page: channels on or off (off withdraws consent), quiet hours (null for none),
 * language. Not the addresses themselves.
 */
record PreferencesChange(@NotNull Boolean email, @NotNull Boolean sms,
        @Valid ContactRequest.QuietHoursRequest quietHours, @NotNull Language language) {
}
