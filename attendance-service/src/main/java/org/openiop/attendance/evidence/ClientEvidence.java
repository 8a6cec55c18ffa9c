package org.openiop.attendance.evidence;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything an auditor checks for one client and date range, in the order it is printed: per program week the
 * status and the rule it came from, each day's totals against the daily threshold and per-diem tier, and every session
 * with its scheduled and attended times, absences and corrections (who, when, before, after). Identifiers only.
 */
record ClientEvidence(String clientId, LocalDate from, LocalDate to, Instant generatedAt,
        List<ProgramEvidence> programs, List<TelehealthService> telehealth) {

    /** An attended service delivered by telehealth (issue 18): the local day and how a claim line marks it. */
    public record TelehealthService(String bookingId, LocalDate date, String placeOfService, String modifier) {
    }

    /** The program's rules as they were applied, and its weeks overlapping the range (whole weeks). */
    public record ProgramEvidence(String programId, String timeZone, String weekStartDay, int dailyThresholdMinutes,
            int adultMinimumMinutes, int adolescentMinimumMinutes, int stepDownAllowanceWeeks,
            List<WeekEvidence> weeks) {
    }

    public record WeekEvidence(LocalDate weekStart, String track, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, String status, String rule, boolean closed, int qualifyingDays,
            boolean meetsThreeDayRule, int threeServiceDays, int fourOrMoreServiceDays, List<DayEvidence> days,
            List<SessionEvidence> sessions) {
    }

    /** One local day: attended minutes and services against the program's threshold and the per-diem tiers. */
    @Schema(name = "ClientDayEvidence")
    public record DayEvidence(LocalDate date, int attendedMinutes, int sessionsAttended, boolean qualifies,
            String perDiemTier, String rule) {
    }

    /**
     * One booking: scheduled vs attended, how it counted and why, and every revision of its record; {@code lateEntry}
     * says what of it was entered after it took place (session, booking, attendance), by whom and when, else null.
     */
    public record SessionEvidence(String bookingId, String sessionType, Instant scheduledStart,
            Instant scheduledEnd, String state, Instant checkedInAt, Instant checkedOutAt, int countedMinutes,
            String absenceReason, String recordedBy, Instant recordedAt, String why, List<Correction> corrections,
            String lateEntry) {
    }

    /** A correction: the record before and after it, why, by whom and when. */
    public record Correction(int revision, String before, String after, String reason, String recordedBy,
            Instant recordedAt) {
    }
}
