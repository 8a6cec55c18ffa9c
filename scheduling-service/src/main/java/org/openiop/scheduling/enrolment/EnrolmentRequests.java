package org.openiop.scheduling.enrolment;

import org.openiop.backbone.web.input.WithinRecordWindow;
import org.openiop.backbone.web.input.PlausibleBirthDate;
import java.time.LocalDate;
import java.util.UUID;

import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.program.Track;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/** What staff send to enrol, update, re-phase and discharge a client. */
final class EnrolmentRequests {

    private EnrolmentRequests() {
    }

    public record Enrol(
            UUID clientId,
            @NotBlank @Size(max = 200) String displayName,
            @NotNull @Past @PlausibleBirthDate LocalDate dateOfBirth,
            @NotNull @WithinRecordWindow LocalDate admissionDate,
            @WithinRecordWindow LocalDate plannedDischargeDate,
            Track track,
            @Min(0) @Max(14) Integer phaseSessionsPerWeek) {
    }

    public record Update(
            @NotBlank @Size(max = 200) String displayName,
            @NotNull @Past @PlausibleBirthDate LocalDate dateOfBirth,
            @NotNull @WithinRecordWindow LocalDate admissionDate,
            @WithinRecordWindow LocalDate plannedDischargeDate,
            @NotNull Track track) {
    }

    /** A new phase: sessions a week from a date; stepDown marks a planned step-down (ASAM allowance applies). */
    public record Phase(@NotNull @Min(0) @Max(14) Integer sessionsPerWeek, Boolean stepDown, @WithinRecordWindow LocalDate effectiveFrom) {
    }

    /** Discharge on a day (default: today in the program's zone); later bookings are cancelled. */
    public record Discharge(@WithinRecordWindow LocalDate dischargeDate, ChangeReason reason, @Size(max = 500) String note) {
    }
}
