package org.openiop.notification.contact;

import java.time.LocalTime;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What staff record about reaching a client.
 *
 * @param email      address for EMAIL (required when channels include EMAIL)
 * @param phone      mobile number in international form, e.g. +12125550123 (required when channels include SMS)
 * @param channels   preferred channels, e.g. [EMAIL, SMS]
 * @param consent    consent per channel, e.g. {"EMAIL": true, "SMS": false}; a missing channel means no consent
 * @param quietHours local hours with no messages, e.g. {"start": "21:00", "end": "08:00"}; null for none
 * @param language   en or es
 * @param timeZone   IANA zone when the client lives elsewhere than the program; null for the program's
 */
public record ContactRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 32) String phone,
        @NotEmpty Set<@NotNull Channel> channels,
        @NotNull Map<Channel, Boolean> consent,
        @Valid QuietHoursRequest quietHours,
        @NotNull Language language,
        @Size(max = 64) String timeZone) {

    public record QuietHoursRequest(@NotNull LocalTime start, @NotNull LocalTime end) {
    }
}
