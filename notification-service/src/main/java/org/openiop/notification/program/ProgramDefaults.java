package org.openiop.notification.program;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Language;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * What a program gets until staff set its own notification settings (prefix {@code iop.notification.defaults}).
 * Here, beside the settings it fills, rather than in the root package's {@code NotificationProperties}: those would
 * make the root package use this one and {@code contact}, and they use it back (a package cycle).
 *
 * @param reminderOffsets       how long before a session each reminder goes out
 * @param channels              channels reminders use (intersected with each client's preferred channels)
 * @param staffAlertEmails      who hears about a missed session when a program names nobody
 * @param officerEmails         compliance officers alerted when a program names nobody
 * @param complianceAlertMode   IMMEDIATE (one email per status change) or DAILY_DIGEST
 * @param digestTime            local time (program time zone) the daily digest goes out
 * @param staffLanguage         language of staff and officer alerts
 */
@Validated
@ConfigurationProperties("iop.notification.defaults")
public record ProgramDefaults(
        @NotEmpty @DefaultValue({ "24h", "2h" }) List<Duration> reminderOffsets,
        @NotEmpty @DefaultValue({ "EMAIL", "SMS" }) Set<Channel> channels,
        @DefaultValue List<@Email String> staffAlertEmails,
        @DefaultValue List<@Email String> officerEmails,
        @NotNull @DefaultValue("IMMEDIATE") ComplianceAlertMode complianceAlertMode,
        @NotNull @DefaultValue("07:00") LocalTime digestTime,
        @NotNull @DefaultValue("en") Language staffLanguage) {
}
