package org.openiop.notification.program;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.openiop.notification.contact.Channel;

/** A program's notification settings: its reminder policy and who hears about missed sessions and compliance. */
public record ProgramSettings(List<Duration> reminderOffsets, Set<Channel> channels, List<String> staffAlertEmails,
        List<String> officerEmails, ComplianceAlertMode complianceAlertMode, LocalTime digestTime) {

    public static ProgramSettings defaults(ProgramDefaults defaults) {
        return new ProgramSettings(defaults.reminderOffsets(), defaults.channels(), defaults.staffAlertEmails(),
                defaults.officerEmails(), defaults.complianceAlertMode(), defaults.digestTime());
    }
}
