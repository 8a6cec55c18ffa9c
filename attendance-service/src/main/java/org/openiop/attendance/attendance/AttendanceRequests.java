package org.openiop.attendance.attendance;

import org.openiop.backbone.web.input.WithinRecordWindow;
import java.time.Instant;
import java.util.List;

import org.openiop.attendance.compliance.MissedReason;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies staff send. Times are ISO-8601 instants. */
final class AttendanceRequests {

    private AttendanceRequests() {
    }

    /** {@code lateEntryReason}: required for a booking entered late (its attendance is a late entry too). */
    record CheckInOut(@NotNull @WithinRecordWindow Instant checkedInAt, @NotNull @WithinRecordWindow Instant checkedOutAt, @Size(max = 2000) String note,
            @Size(max = 500) String lateEntryReason) {
    }

    enum AbsenceReason {
        EXCUSED, UNEXCUSED;

        MissedReason asMissed() {
            return MissedReason.valueOf(name());
        }
    }

    record Absence(@NotNull AbsenceReason reason, @Size(max = 2000) String note,
            @Size(max = 500) String lateEntryReason) {
    }

    /**
     * A new revision of a booking's attendance: either attended (with times) or missed (with a reason), and why the
     * record is being corrected.
     */
    record Correction(@NotNull AttendanceRevision.Outcome outcome, @WithinRecordWindow Instant checkedInAt,
            @WithinRecordWindow Instant checkedOutAt,
            MissedReason missedReason, @Size(max = 2000) String note, @NotBlank @Size(max = 500) String reason) {
    }

    enum Presence {
        PRESENT, EXCUSED, UNEXCUSED
    }

    /** One line of a roster call; a PRESENT line without times means the whole session. */
    record RollCallEntry(@NotBlank String bookingId, @NotNull Presence presence, @WithinRecordWindow Instant checkedInAt,
            @WithinRecordWindow Instant checkedOutAt, @Size(max = 2000) String note) {
    }

    /** {@code lateEntryReason} applies to the lines whose booking was entered late (required for them). */
    record RollCall(@NotEmpty @Size(max = 500) List<@Valid @NotNull RollCallEntry> entries,
            @Size(max = 500) String lateEntryReason) {
    }
}
