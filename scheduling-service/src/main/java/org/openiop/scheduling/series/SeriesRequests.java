package org.openiop.scheduling.series;

import io.swagger.v3.oas.annotations.media.Schema;
import org.openiop.backbone.web.input.WithinRecordWindow;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionType;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class SeriesRequests {

    private SeriesRequests() {
    }

    /**
     * A client's recurring series, e.g. Mon/Wed/Fri EVENING GROUP for 12 weeks: days as {@code daysOfWeek} or an RFC
     * 5545 {@code rrule}; length as {@code weeks}, {@code until}, or the rule's own COUNT/UNTIL.
     */
    @Schema(name = "SeriesCreate")
    public record Create(
            @NotNull UUID clientId,
            @NotNull SessionType type,
            @Size(max = 32) String block,
            LocalTime startTime,
            LocalTime endTime,
            @NotNull @WithinRecordWindow LocalDate startDate,
            @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
            @Size(max = 300) String rrule,
            @Min(1) @Max(52) Integer weeks,
            @WithinRecordWindow LocalDate until,
            @Min(1) @Max(500) Integer capacity,
            @Size(max = 100) String topic,
            UUID clinicianId,
            UUID roomId,
            Modality modality,
            @Size(max = 500) String joinUrl) {
    }

    /** From a day on, the series follows a new rule (a step-down from 5 to 3 days, say); earlier days stay as they are. */
    public record ChangeFrequency(
            @NotNull @WithinRecordWindow LocalDate effectiveFrom,
            @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
            @Size(max = 300) String rrule,
            Boolean dryRun) {

        public boolean preview() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /** Cancels the series' bookings from a day on (default: today) and ends the series. */
    public record CancelRest(@WithinRecordWindow LocalDate from, ChangeReason reason, @Size(max = 500) String note) {
    }
}
