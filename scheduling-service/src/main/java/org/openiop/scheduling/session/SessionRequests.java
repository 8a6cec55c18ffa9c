package org.openiop.scheduling.session;

import io.swagger.v3.oas.annotations.media.Schema;
import org.openiop.backbone.web.input.WithinRecordWindow;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;


import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

final class SessionRequests {

    private SessionRequests() {
    }

    /**
     * A session on a block (MORNING, EVENING, or another of the program's) or at custom local times; modality
     * IN_PERSON (default), TELEHEALTH or HYBRID, the last two with the meeting's https {@code joinUrl}. A session that
     * already took place is entered late with {@code lateEntryReason} (required then, refused otherwise).
     */
    @Schema(name = "SessionCreate")
    public record Create(
            @NotNull SessionType type,
            @NotNull @WithinRecordWindow LocalDate date,
            @Size(max = 32) String block,
            LocalTime startTime,
            LocalTime endTime,
            @Min(1) @Max(500) Integer capacity,
            @Size(max = 100) String topic,
            UUID clinicianId,
            UUID roomId,
            Modality modality,
            @Size(max = 500) String joinUrl,
            @Size(max = 500) String lateEntryReason) {
    }

    /** Moves a session (and every seat in it) to another day or time. */
    public record Reschedule(
            @NotNull @WithinRecordWindow LocalDate date,
            @Size(max = 32) String block,
            LocalTime startTime,
            LocalTime endTime,
            ChangeReason reason,
            @Size(max = 500) String note) {
    }

    /** Cancels with a coded reason (events carry the code) and an optional free-text note kept here. */
    public record Cancel(ChangeReason reason, @Size(max = 500) String note) {
    }
}
