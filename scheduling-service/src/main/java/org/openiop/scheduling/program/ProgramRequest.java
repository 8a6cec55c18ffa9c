package org.openiop.scheduling.program;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A program's settings as sent by staff; absent optional fields take the ASAM-based defaults. The name, location
 * label and phone reach every message text, so they must stay on one line: control characters (line breaks, tabs,
 * escapes) and Unicode line or paragraph separators are refused field by field.
 */
record ProgramRequest(
        @NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String name,
        @NotBlank @IanaTimeZone String timeZone,
        @NotBlank @Size(max = 100) @Pattern(regexp = ONE_LINE, message = ONE_LINE_MESSAGE) String locationLabel,
        @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +15551234567")
        String phone,
        DayOfWeek weekStart,
        @Min(1) @Max(10080) Integer adultMinimumMinutes,
        @Min(1) @Max(10080) Integer adolescentMinimumMinutes,
        @Min(0) @Max(1440) Integer noShowGraceMinutes,
        @Min(0) @Max(1440) Integer dailyThresholdMinutes,
        @Min(0) @Max(52) Integer stepDownAllowanceWeeks,
        @Min(1) @Max(500) Integer defaultGroupCapacity,
        @Size(min = 1, max = 12) List<@NotNull @Valid BlockRequest> blocks) {

    public record BlockRequest(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,31}", message = "must be upper case letters, digits or _")
            String name,
            @NotNull LocalTime startTime,
            @NotNull LocalTime endTime) {
    }

    /** No control character (C0, DEL, C1) and no line or paragraph separator. */
    static final String ONE_LINE = "[^\\p{Cc}\\p{Zl}\\p{Zp}]*";
    static final String ONE_LINE_MESSAGE = "must be one line without control characters";

    static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
