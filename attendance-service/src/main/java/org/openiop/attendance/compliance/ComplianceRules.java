package org.openiop.attendance.compliance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.openiop.attendance.booking.SessionType;
import org.openiop.programweek.ProgramWeek;

/**
 * All of the weekly-hours arithmetic, in one place and free of Spring, Kafka and SQL: minute clipping, program weeks
 * in the program's zone, the per-week status and the per-day evidence payers ask for. Everything else (REST, Kafka,
 * JDBC) only gathers facts for it and stores what it returns, so these rules are tested on their own.
 */
public final class ComplianceRules {

    /** Payers' "at least 3 days a week" (HCPCS H0015). */
    public static final int QUALIFYING_DAYS_A_WEEK = 3;

    private ComplianceRules() {
    }

    /**
     * Real minutes between check-in and check-out, clipped to the session. Instants, not local clock times, so a block
     * across a daylight-saving change counts what really elapsed. Seconds are dropped (a started minute is not a
     * minute attended).
     */
    public static int attendedMinutes(Instant sessionStart, Instant sessionEnd, Instant checkedIn, Instant checkedOut) {
        Instant from = checkedIn.isAfter(sessionStart) ? checkedIn : sessionStart;
        Instant to = checkedOut.isBefore(sessionEnd) ? checkedOut : sessionEnd;
        return to.isAfter(from) ? (int) Duration.between(from, to).toMinutes() : 0;
    }

    /** Length of a session in real minutes. */
    public static int sessionMinutes(Instant startsAt, Instant endsAt) {
        return (int) Duration.between(startsAt, endsAt).toMinutes();
    }

    // Program weeks: the shared calculation (program-week module), so scheduling and attendance count the same week.

    /** First local day of the program week that contains {@code at}. */
    public static LocalDate weekOf(Instant at, ZoneId zone, DayOfWeek weekStart) {
        return ProgramWeek.containing(at, weekStart, zone).firstDay();
    }

    /** First local day of the program week that contains {@code day}. */
    public static LocalDate weekOf(LocalDate day, DayOfWeek weekStart) {
        return ProgramWeek.firstDayOf(day, weekStart);
    }

    /** The instant a program week begins: local midnight of its first day (DST-safe: a week may be 167 or 169 h). */
    public static Instant weekBegins(LocalDate weekStart, ZoneId zone) {
        return ProgramWeek.startingOn(weekStart, zone).start();
    }

    /** The instant a program week ends: local midnight seven calendar days after it began. */
    public static Instant weekEnds(LocalDate weekStart, ZoneId zone) {
        return ProgramWeek.startingOn(weekStart, zone).end();
    }

    /** When a week stops taking ordinary attendance entries and a short week becomes a breach. */
    public static Instant weekCloses(LocalDate weekStart, Program program) {
        return weekEnds(weekStart, program.zone()).plus(program.closeGrace());
    }

    /** Where a week stands in time: running, over but still taking late entries, or closed (final). */
    public enum WeekPhase {
        OPEN, ENDED, CLOSED
    }

    /** The phase of a program week at {@code now}. */
    public static WeekPhase phase(LocalDate weekStart, Program program, Instant now) {
        if (now.isBefore(weekEnds(weekStart, program.zone()))) {
            return WeekPhase.OPEN;
        }
        return now.isBefore(weekCloses(weekStart, program)) ? WeekPhase.ENDED : WeekPhase.CLOSED;
    }

    /** Shown instead of AT_RISK / ON_TRACK for a week that has ended but still takes late entries. */
    public static final String AWAITING_LATE_RECORDING = "AWAITING_LATE_RECORDING";

    /**
     * How a client-week is shown to officers: its status, phase, when it closes, and a sentence. A week that has
     * ended is never "at risk" or "on track" (nothing more can be scheduled in it): until it closes it is
     * {@link #AWAITING_LATE_RECORDING}, saying what is short or unrecorded and until when late entries count.
     */
    public static Standing standing(ComplianceStatus status, int attended, int remaining, Integer minimum,
            LocalDate weekStart, Program program, Instant now) {
        WeekPhase phase = phase(weekStart, program, now);
        Instant closes = weekCloses(weekStart, program);
        boolean provisional = status == ComplianceStatus.AT_RISK || status == ComplianceStatus.ON_TRACK;
        if (phase == WeekPhase.ENDED && provisional) {
            String label = "Week ended: attended " + attended + " of " + minimum + " min"
                    + (remaining > 0 ? ", " + remaining + " min of sessions not yet recorded" : "")
                    + "; late entries count until it closes at " + closes + ", then it is judged final";
            return new Standing(AWAITING_LATE_RECORDING, phase, closes, label);
        }
        String label = switch (phase) {
            case OPEN -> "Week open until " + weekEnds(weekStart, program.zone()) + "; closes at " + closes;
            case ENDED -> "Week ended; late entries count until it closes at " + closes;
            case CLOSED -> "Week closed at " + closes;
        };
        return new Standing(status.name(), phase, closes, label);
    }

    /** A client-week as officers see it (see {@link #standing}). */
    public record Standing(String status, WeekPhase phase, Instant closesAt, String label) {
    }

    /** Weekly minimum for a track under this program's settings. */
    public static int minimumFor(Track track, Program program) {
        return track == Track.ADOLESCENT ? program.adolescentMinimumMinutes() : program.adultMinimumMinutes();
    }

    /**
     * Evaluates one client-week.
     *
     * @param program               the program's settings (defaults while its configuration has not arrived)
     * @param enrolment             the client's enrolment, or null while it has not arrived (status NOT_APPLICABLE,
     *                              totals still computed)
     * @param weekStart             first local day of the week
     * @param sessions              the client's bookings that start inside the week, in any order
     * @param priorStepDownWeeks    consecutive STEP_DOWN weeks immediately before this one
     * @param now                   the time of evaluation (decides whether the week has closed)
     */
    public static WeekEvaluation evaluate(Program program, Enrolment enrolment, LocalDate weekStart,
            List<SessionFact> sessions, int priorStepDownWeeks, Instant now) {
        List<SessionFact> ordered = sessions.stream().sorted(Comparator.comparing(SessionFact::startsAt)
                .thenComparing(SessionFact::bookingId)).toList();
        int attended = 0;
        int remaining = 0;
        List<CountedSession> counted = new ArrayList<>();
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        for (SessionFact s : ordered) {
            CountedSession c = count(s);
            counted.add(c);
            attended += c.countedMinutes();
            remaining += c.remainingMinutes();
            if (c.countedMinutes() > 0) {
                int[] day = perDay.computeIfAbsent(s.startsAt().atZone(program.zone()).toLocalDate(), d -> new int[2]);
                day[0] += c.countedMinutes();
                day[1]++;
            }
        }
        List<DayEvidence> days = perDay.entrySet().stream().map(e -> new DayEvidence(e.getKey(), e.getValue()[0],
                e.getValue()[1], e.getValue()[0] >= program.dailyThresholdMinutes())).toList();
        int qualifyingDays = (int) days.stream().filter(DayEvidence::qualifies).count();

        boolean closed = !now.isBefore(weekCloses(weekStart, program));
        if (enrolment == null) {
            return new WeekEvaluation(weekStart, null, attended, remaining, null, ComplianceStatus.NOT_APPLICABLE,
                    closed, false, qualifyingDays, days, counted);
        }
        int minimum = minimumFor(enrolment.track(), program);
        LocalDate lastDay = weekStart.plusDays(6);
        boolean enrolledAtAll = !enrolment.admissionDate().isAfter(lastDay)
                && (enrolment.dischargeDate() == null || !enrolment.dischargeDate().isBefore(weekStart));
        boolean partial = enrolment.admissionDate().isAfter(weekStart)
                || (enrolment.dischargeDate() != null && enrolment.dischargeDate().isBefore(lastDay));
        ComplianceStatus status;
        if (!enrolledAtAll) {
            status = ComplianceStatus.NOT_APPLICABLE;
        } else if (attended >= minimum) {
            status = ComplianceStatus.MET;
        } else if (partial) {
            // Admitted or discharged inside the week: shown, never counted as a breach.
            status = ComplianceStatus.PARTIAL_WEEK;
        } else if (closed) {
            status = enrolment.stepDown() && priorStepDownWeeks < program.stepDownAllowanceWeeks()
                    ? ComplianceStatus.STEP_DOWN : ComplianceStatus.BELOW_MINIMUM;
        } else {
            status = attended + remaining >= minimum ? ComplianceStatus.ON_TRACK : ComplianceStatus.AT_RISK;
        }
        return new WeekEvaluation(weekStart, enrolment.track(), attended, remaining, minimum, status, closed,
                partial, qualifyingDays, days, counted);
    }

    /** What one booking contributes to its week, and the reason in words an officer reads. */
    static CountedSession count(SessionFact s) {
        int length = sessionMinutes(s.startsAt(), s.endsAt());
        return switch (s.outcome()) {
            case ATTENDED -> {
                int minutes = Math.min(s.attendedMinutes(), length);
                List<String> notes = new ArrayList<>();
                if (s.checkedInAt() != null && s.checkedInAt().isAfter(s.startsAt())) {
                    notes.add("arrived " + Duration.between(s.startsAt(), s.checkedInAt()).toMinutes() + " min late");
                }
                if (s.checkedOutAt() != null && s.checkedOutAt().isBefore(s.endsAt())) {
                    notes.add("left " + Duration.between(s.checkedOutAt(), s.endsAt()).toMinutes() + " min early");
                }
                String why = "attended " + minutes + " of " + length + " min"
                        + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")")
                        + (s.revision() > 1 ? ", revision " + s.revision() : "");
                yield new CountedSession(s, minutes, 0, "COUNTED", why);
            }
            case MISSED -> new CountedSession(s, 0, 0, "MISSED", (s.automatic() ? "no-show recorded automatically"
                    : "absent, " + s.missedReason().name().toLowerCase()) + ": counts 0 min"
                    + (s.revision() > 1 ? ", revision " + s.revision() : ""));
            case PENDING -> s.cancelled()
                    ? new CountedSession(s, 0, 0, "CANCELLED", "cancelled: not counted, not expected")
                    : new CountedSession(s, 0, length, "SCHEDULED", "still scheduled: " + length + " min expected");
        };
    }

    /**
     * Whether an incoming attendance record replaces the one held: only a higher revision does, so a duplicate or an
     * older correction arriving late changes nothing.
     */
    public static boolean supersedes(int incomingRevision, int heldRevision) {
        return incomingRevision > heldRevision;
    }

    /**
     * Consecutive weeks immediately before {@code weekStart} that were STEP_DOWN, given earlier weeks' statuses.
     */
    public static int priorStepDownWeeks(LocalDate weekStart, Map<LocalDate, ComplianceStatus> earlierWeeks) {
        int count = 0;
        LocalDate week = weekStart.minusWeeks(1);
        while (earlierWeeks.get(week) == ComplianceStatus.STEP_DOWN) {
            count++;
            week = week.minusWeeks(1);
        }
        return count;
    }

    /** A program's compliance settings. */
    public record Program(ZoneId zone, DayOfWeek weekStart, int adultMinimumMinutes, int adolescentMinimumMinutes,
            int dailyThresholdMinutes, int stepDownAllowanceWeeks, Duration closeGrace) {

        /** ASAM Level 2.1 defaults, used until the program's own configuration arrives. */
        public static Program defaults(ZoneId zone, Duration closeGrace) {
            return new Program(zone, DayOfWeek.MONDAY, 540, 360, 180, 2, closeGrace);
        }
    }

    /**
     * What compliance needs of an enrolment.
     *
     * @param dischargeDate the actual discharge date, else the planned one, else null
     * @param stepDown      whether the client's phase was a planned step-down when the week ended
     */
    public record Enrolment(Track track, LocalDate admissionDate, LocalDate dischargeDate, boolean stepDown) {
    }

    public enum Outcome {
        PENDING, ATTENDED, MISSED
    }

    /** One booking as the projection knows it: the session, whether it was cancelled, and its latest record. */
    public record SessionFact(String bookingId, String sessionId, SessionType sessionType, Instant startsAt,
            Instant endsAt, boolean cancelled, Outcome outcome, int revision, Instant checkedInAt,
            Instant checkedOutAt, int attendedMinutes, MissedReason missedReason, boolean automatic) {

        public static SessionFact scheduled(String bookingId, Instant startsAt, Instant endsAt) {
            return new SessionFact(bookingId, bookingId, SessionType.GROUP, startsAt, endsAt, false, Outcome.PENDING,
                    0, null, null, 0, null, false);
        }

        public SessionFact cancel() {
            return new SessionFact(bookingId, sessionId, sessionType, startsAt, endsAt, true, outcome, revision,
                    checkedInAt, checkedOutAt, attendedMinutes, missedReason, automatic);
        }

        public SessionFact attended(int rev, Instant in, Instant out) {
            return new SessionFact(bookingId, sessionId, sessionType, startsAt, endsAt, cancelled, Outcome.ATTENDED,
                    rev, in, out, ComplianceRules.attendedMinutes(startsAt, endsAt, in, out), null, false);
        }

        public SessionFact missed(int rev, MissedReason reason, boolean auto) {
            return new SessionFact(bookingId, sessionId, sessionType, startsAt, endsAt, cancelled, Outcome.MISSED,
                    rev, null, null, 0, reason, auto);
        }
    }

    /** A booking's contribution: minutes counted, minutes still expected, a state and the reason. */
    public record CountedSession(SessionFact session, int countedMinutes, int remainingMinutes, String state,
            String why) {
    }

    /** Attended minutes and sessions on one local day, and whether the day reaches the program's daily threshold. */
    @Schema(name = "ComplianceDayEvidence")
    public record DayEvidence(LocalDate date, int attendedMinutes, int sessionsAttended, boolean qualifies) {

        /** The Medicare IOP per-diem rate the day's attended services support. */
        public PerDiemTier perDiemTier() {
            return ComplianceRules.perDiemTier(sessionsAttended);
        }
    }

    /**
     * Medicare pays IOP per diem at two rates: days with 3 services and days with 4 or more. A day with fewer than 3
     * attended services supports neither.
     */
    public enum PerDiemTier {
        BELOW_3_SERVICES, THREE_SERVICES, FOUR_OR_MORE_SERVICES
    }

    /** The per-diem tier of a day with this many attended services (sessions). */
    public static PerDiemTier perDiemTier(int servicesAttended) {
        return servicesAttended >= 4 ? PerDiemTier.FOUR_OR_MORE_SERVICES
                : servicesAttended == 3 ? PerDiemTier.THREE_SERVICES : PerDiemTier.BELOW_3_SERVICES;
    }

    /**
     * The rule a week's status came from, in words an auditor reads: the comparison that decided it, and for
     * STEP_DOWN / BELOW_MINIMUM during a step-down how much of the program's allowance was used.
     */
    public static String statusRule(WeekEvaluation week, Program program, int priorStepDownWeeks) {
        Integer minimum = week.minimumMinutes();
        return switch (week.status()) {
            case MET -> "MET: attended " + week.attendedMinutes() + " >= minimum " + minimum + " min";
            case ON_TRACK -> "ON_TRACK: week open, attended " + week.attendedMinutes() + " + still scheduled "
                    + week.scheduledRemainingMinutes() + " >= minimum " + minimum + " min";
            case AT_RISK -> "AT_RISK: week open, attended " + week.attendedMinutes() + " + still scheduled "
                    + week.scheduledRemainingMinutes() + " < minimum " + minimum + " min";
            case PARTIAL_WEEK -> "PARTIAL_WEEK: admission or discharge inside the week, not judged against the "
                    + minimum + " min minimum";
            case STEP_DOWN -> "STEP_DOWN: closed at " + week.attendedMinutes() + " < minimum " + minimum
                    + " min during a planned step-down, short week " + (priorStepDownWeeks + 1) + " of at most "
                    + program.stepDownAllowanceWeeks() + " allowed (ASAM)";
            case BELOW_MINIMUM -> "BELOW_MINIMUM: closed at " + week.attendedMinutes() + " < minimum " + minimum
                    + " min" + (priorStepDownWeeks >= program.stepDownAllowanceWeeks() && priorStepDownWeeks > 0
                            ? "; step-down allowance of " + program.stepDownAllowanceWeeks()
                                    + " consecutive weeks already used"
                            : "");
            case NOT_APPLICABLE -> week.track() == null ? "NOT_APPLICABLE: enrolment not known yet"
                    : "NOT_APPLICABLE: not enrolled during the week";
        };
    }

    /** The result for one client-week. Track and minimum are null while the enrolment is unknown. */
    public record WeekEvaluation(LocalDate weekStart, Track track, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, ComplianceStatus status, boolean closed, boolean partial, int qualifyingDays,
            List<DayEvidence> days, List<CountedSession> sessions) {

        public boolean meetsDailyRule() {
            return qualifyingDays >= QUALIFYING_DAYS_A_WEEK;
        }

        /** Days of the week at a per-diem tier (the week's per-diem picture: days at 3 services, at 4 or more). */
        public int daysAt(PerDiemTier tier) {
            return (int) days.stream().filter(d -> d.perDiemTier() == tier).count();
        }
    }
}
