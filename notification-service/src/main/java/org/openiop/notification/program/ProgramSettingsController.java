package org.openiop.notification.program;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.openiop.notification.contact.Channel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A program's reminder policy and alert recipients. Changing them re-plans the program's upcoming reminders. */
@RestController
@RequestMapping("/api/programs/{programId}/notification-settings")
class ProgramSettingsController {

    private final ProgramRepository programs;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ProgramSettingsController(ProgramRepository programs, ApplicationEventPublisher events, Clock clock) {
        this.programs = programs;
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param reminderOffsets ISO-8601 durations before the session, e.g. ["PT24H", "PT2H"] (1 minute to 14 days)
     */
    record SettingsRequest(@NotEmpty @Size(max = 5) List<@NotNull Duration> reminderOffsets,
            @NotEmpty Set<@NotNull Channel> channels, @NotNull @Size(max = 20) List<@NotNull @Email String> staffAlertEmails,
            @NotNull @Size(max = 20) List<@NotNull @Email String> officerEmails,
            @NotNull ComplianceAlertMode complianceAlertMode, @NotNull LocalTime digestTime) {
    }

    @GetMapping
    ProgramSettings get(@PathVariable UUID programId) {
        return programs.settings(programId.toString());
    }

    @PutMapping
    @Transactional
    ProgramSettings put(@PathVariable UUID programId, @Valid @RequestBody SettingsRequest request) {
        for (Duration offset : request.reminderOffsets()) {
            if (offset.compareTo(Duration.ofMinutes(1)) < 0 || offset.compareTo(Duration.ofDays(14)) > 0) {
                throw org.openiop.backbone.web.RuleViolation.invalid("reminderOffsets",
                        "each offset must be between PT1M and P14D");
            }
        }
        ProgramSettings settings = new ProgramSettings(request.reminderOffsets(), request.channels(),
                request.staffAlertEmails(), request.officerEmails(), request.complianceAlertMode(),
                request.digestTime());
        programs.saveSettings(programId.toString(), settings, clock.instant());
        events.publishEvent(new ProgramSettingsChanged(programId.toString()));
        return programs.settings(programId.toString());
    }
}
