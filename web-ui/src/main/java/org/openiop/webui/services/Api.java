package org.openiop.webui.services;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The parts of the services' JSON answers the pages use (unknown fields are ignored, so the services can add
 * fields without breaking the pages).
 */
public final class Api {

    private Api() {
    }

    public record PageOf<T>(List<T> items, int page, int size, long totalItems) {
    }

    // scheduling-service

    public record Program(String id, String name, String timeZone, String locationLabel, String phone,
            java.time.DayOfWeek weekStart, int adultMinimumMinutes, int adolescentMinimumMinutes,
            int noShowGraceMinutes, int dailyThresholdMinutes, int stepDownAllowanceWeeks, int defaultGroupCapacity,
            List<Block> blocks) {

        /** The first day of the program week that holds {@code day} (programs choose their week start). */
        public LocalDate weekOf(LocalDate day) {
            java.time.DayOfWeek start = weekStart == null ? java.time.DayOfWeek.MONDAY : weekStart;
            return org.openiop.programweek.ProgramWeek.firstDayOf(day, start);
        }
    }

    public record Block(String name, LocalTime startTime, LocalTime endTime) {
    }

    public record Enrolment(String clientId, String programId, String displayName, LocalDate dateOfBirth,
            String track, LocalDate admissionDate, LocalDate plannedDischargeDate, LocalDate dischargeDate,
            String status, int phaseSessionsPerWeek, boolean phaseStepDown, LocalDate phaseSince) {
    }

    public record ClientSeat(String bookingId, String sessionId, String seriesId, String sessionType, String block,
            LocalDate date, Instant startsAt, Instant endsAt, String timeZone) {
    }

    public record Series(String id, String programId, String clientId, String type, String block,
            LocalTime startTime, LocalTime endTime, String topic, String clinicianId, String roomId, Integer capacity,
            LocalDate firstDay, LocalDate lastDay, String status) {
    }

    public record SeriesRule(LocalDate effectiveFrom, String rrule) {
    }

    /** {@code waitlist}: the series' days on a full session's waitlist (issue 17), in time order. */
    public record SeriesView(Series series, List<SeriesRule> rules, List<Occurrence> occurrences,
            List<SeriesWaitlistEntry> waitlist) {
    }

    /** One series day on a waitlist; {@code place} 1 is offered the next free seat, null once closed. */
    public record SeriesWaitlistEntry(String id, String sessionId, Instant startsAt, Integer place, String status,
            Instant heldUntil, String bookingId) {
    }

    /** What putting a series on the waitlist did, day by day (WAITLISTED, NOT_FULL, SKIPPED, REFUSED). */
    public record SeriesWaitlistReport(String seriesId, long waitlisted, long notFull, long refused,
            List<SeriesWaitlistDay> days) {
    }

    public record SeriesWaitlistDay(LocalDate date, Instant startsAt, String outcome, String code, String sessionId,
            String entryId) {
    }

    public record Closure(String id, String programId, LocalDate firstDay, LocalDate lastDay, String reason) {
    }

    public record ClosureResult(String id, LocalDate firstDay, LocalDate lastDay, String reason,
            int cancelledBookings, int cancelledSessions) {
    }

    public record Clinician(String id, String displayName, boolean active) {
    }

    public record Room(String id, String name, int capacity, boolean active) {
    }

    public record WeekBoard(LocalDate weekStart, LocalDate weekEnd, String timeZone, List<Day> days) {
    }

    public record Day(LocalDate date, boolean closed, List<Cell> blocks) {
    }

    public record Cell(String block, List<Session> sessions, int seatsUsed, int capacity) {
    }

    public record Session(String id, String programId, String type, LocalDate date, String block,
            LocalTime startTime, LocalTime endTime, Instant startsAt, Instant endsAt, String timeZone, int capacity,
            int seatsUsed, String topic, String clinicianId, String roomId, String status, String modality) {
    }

    public record Booking(String id, String clientId, String sessionId, String programId, String seriesId,
            String status, String sessionType, String block, LocalDate date, Instant startsAt, Instant endsAt,
            String timeZone) {
    }

    public record PlannedWeek(LocalDate weekStart, LocalDate weekEnd, long plannedMinutes, int plannedSessions,
            int minimumMinutes, long shortfallMinutes, boolean reachesMinimum, boolean partialWeek) {
    }

    public record SeriesReport(String seriesId, boolean dryRun, String rrule, LocalDate firstDay, LocalDate lastDay,
            long booked, long skipped, long refused, long cancelled, List<Occurrence> occurrences) {
    }

    public record Occurrence(LocalDate date, Instant startsAt, Instant endsAt, String outcome, String code,
            String detail, String sessionId, String bookingId) {
    }

    // attendance-service

    public record AttendanceRecord(String bookingId, int revision, String outcome, Instant checkedInAt,
            Instant checkedOutAt, int attendedMinutes, String missedReason, boolean automatic, String note,
            String recordedBy, Instant recordedAt, String source) {
    }

    /** attendance-service's mark of a booking entered after the session started (ADR 0012): by whom, when. */
    public record LateEntry(String enteredBy, Instant enteredAt, boolean sessionEnteredLate) {
    }

    public record Correction(int revision, String by, Instant at, String reason, AttendanceRecord before,
            AttendanceRecord after) {
    }

    public record BookingAttendance(String bookingId, String sessionId, String clientId, String programId,
            Instant startsAt, Instant endsAt, boolean cancelled, AttendanceRecord current,
            List<Correction> corrections, java.util.Set<String> allowedActions, LateEntry lateEntry) {

        /** Whether attendance allows this recording action now (CHECK_IN, CHECK_OUT, WHOLE_SESSION, ABSENCE). */
        public boolean allows(String action) {
            return allowedActions != null && allowedActions.contains(action);
        }
    }

    /** A program week; phase OPEN, ENDED (late entries still count until closesAt) or CLOSED. */
    public record ProgramWeek(String programId, LocalDate weekStart, String timeZone, List<ClientWeek> clients,
            String phase, Instant closesAt) {
    }

    public record ClientWeek(String clientId, String track, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, String status, boolean closed, boolean partialWeek, int qualifyingDays,
            List<TrendPoint> trend, String label) {
    }

    public record TrendPoint(LocalDate weekStart, Integer attendedMinutes, Integer minimumMinutes, String status) {
    }

    public record ClientHistory(String clientId, List<ClientWeekDetail> weeks) {
    }

    public record ClientWeekDetail(String clientId, String programId, LocalDate weekStart, String track,
            int attendedMinutes, int scheduledRemainingMinutes, Integer minimumMinutes, String status,
            boolean closed, boolean partialWeek, int qualifyingDays, boolean meetsDailyRule,
            List<SessionLine> sessions, String phase, String label) {
    }

    public record SessionLine(String bookingId, String sessionId, String sessionType, Instant startsAt,
            Instant endsAt, String state, int countedMinutes, int remainingMinutes, int revision, String why) {
    }

    public record Certification(String certificationId, String clientId, String programId, LocalDate certifiedOn,
            String certifyingClinicianId, LocalDate periodStart, LocalDate periodEnd, LocalDate dueDate,
            String recordedBy, Instant recordedAt) {
    }

    // notification-service

    public record Contact(String clientId, String email, String phone, java.util.Set<String> channels,
            java.util.Map<String, Boolean> consent, QuietHours quietHours, String language, String timeZone,
            boolean smsOptedOut) {
    }

    public record QuietHours(LocalTime start, LocalTime end) {
    }

    public record IssuedLink(String linkId, String clientId, String url, String token, Instant expiresAt) {
    }

    // backbone (each service's own audit trail)

    public record AuditEntry(long id, Instant at, String actor, String role, String action, java.util.List<String> clientIds,
            String resource, String remoteAddr, String detail) {
    }

    public record SinkMessage(String channel, String to, String subject, String body, boolean calendarAttached,
            String providerId, Instant receivedAt) {
    }
}
