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

    public record Program(String id, String name, String timeZone, String locationLabel, int adultMinimumMinutes,
            int adolescentMinimumMinutes, List<Block> blocks) {
    }

    public record Block(String name, LocalTime startTime, LocalTime endTime) {
    }

    public record Enrolment(String clientId, String programId, String displayName, String track,
            LocalDate admissionDate, LocalDate dischargeDate, String status) {
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
            int seatsUsed, String topic, String clinicianId, String roomId, String status) {
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
            String recordedBy, Instant recordedAt) {
    }

    public record Correction(int revision, String by, Instant at, String reason, AttendanceRecord before,
            AttendanceRecord after) {
    }

    public record BookingAttendance(String bookingId, String sessionId, String clientId, String programId,
            Instant startsAt, Instant endsAt, boolean cancelled, AttendanceRecord current,
            List<Correction> corrections, java.util.Set<String> allowedActions) {

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

    // notification-service

    public record SinkMessage(String channel, String to, String subject, String body, boolean calendarAttached,
            String providerId, Instant receivedAt) {
    }
}
