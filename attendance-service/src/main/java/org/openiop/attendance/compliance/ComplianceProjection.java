package org.openiop.attendance.compliance;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceStore.ClientWeek;
import org.openiop.attendance.compliance.ComplianceStore.SessionRow;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.ClientUpdated;
import org.openiop.events.ComplianceStatus;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionMissed;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Turns the program, client, session and attendance streams into per client-week totals and statuses. Every event
 * stores its facts first and then re-evaluates the weeks it touches with what is known, so events may arrive in any
 * order across topics: a session before its enrolment is totalled at once and judged when the enrolment arrives.
 * Runs inside the caller's transaction (the inbox's), so facts, week rows and announcements commit together.
 */
@Component
public class ComplianceProjection {

    private final ComplianceStore store;
    private final OutboxWriter outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration closeGrace;
    /** Off while a rebuild replays history: its transient states are not news; differences are announced after. */
    private volatile boolean announcing = true;

    ComplianceProjection(ComplianceStore store, OutboxWriter outbox, ApplicationEventPublisher events, Clock clock,
            AttendanceProperties properties) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.closeGrace = properties.compliance().closeGrace();
    }

    /** Applies one event from any of the four input topics. */
    public void apply(SpecificRecord event) {
        if (event instanceof ProgramConfigured e) {
            program(e);
        } else if (event instanceof ClientEnrolled e) {
            enrolment(e.getClientId(), e.getProgramId(), () -> {
                store.saveEnrolment(e.getClientId(), e.getProgramId(), e.getTrack(), e.getAdmissionDate(),
                        e.getPlannedDischargeDate(), "ACTIVE");
                store.savePhase(e.getClientId(), e.getProgramId(), e.getOccurredAt(), e.getPhaseStepDown());
            });
        } else if (event instanceof ClientUpdated e) {
            enrolment(e.getClientId(), e.getProgramId(), () -> {
                store.saveEnrolment(e.getClientId(), e.getProgramId(), e.getTrack(), e.getAdmissionDate(),
                        e.getPlannedDischargeDate(), e.getStatus().name());
                store.savePhase(e.getClientId(), e.getProgramId(), e.getOccurredAt(), e.getPhaseStepDown());
            });
        } else if (event instanceof ClientDischarged e) {
            enrolment(e.getClientId(), e.getProgramId(),
                    () -> store.discharge(e.getClientId(), e.getProgramId(), e.getDischargeDate()));
        } else if (event instanceof SessionScheduled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false));
        } else if (event instanceof SessionRescheduled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false));
        } else if (event instanceof SessionCancelled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, true));
        } else if (event instanceof SessionAttended e) {
            int minutes = ComplianceRules.attendedMinutes(e.getStartsAt(), e.getEndsAt(), e.getCheckedInAt(),
                    e.getCheckedOutAt());
            outcome(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), Outcome.ATTENDED, e.getRevision(), e.getCheckedInAt(), e.getCheckedOutAt(),
                    minutes, null, false);
        } else if (event instanceof SessionMissed e) {
            outcome(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), Outcome.MISSED, e.getRevision(), null, null, 0, e.getReason(), e.getAutomatic());
        }
    }

    private void program(ProgramConfigured e) {
        Program program = new Program(zone(e.getTimeZone()), weekStart(e.getWeekStart()),
                e.getAdultMinimumMinutes(), e.getAdolescentMinimumMinutes(), e.getDailyThresholdMinutes(),
                e.getStepDownAllowanceWeeks(), closeGrace);
        store.saveProgram(e.getProgramId(), program);
        // Zone or week-start day may have changed: re-file sessions into weeks and judge every week again.
        store.refileSessions(e.getProgramId(), program);
        store.forgetWeeksOfProgram(e.getProgramId());
        String locked = null;
        for (ClientWeek week : store.weeksOfProgram(e.getProgramId())) {
            if (!week.clientId().equals(locked)) {
                store.lockClient(week.clientId(), week.programId());
                locked = week.clientId();
            }
            evaluate(week.clientId(), week.programId(), week.weekStart(), false);
        }
    }

    private void enrolment(String clientId, String programId, Runnable save) {
        store.lockClient(clientId, programId);
        save.run();
        for (LocalDate week : store.weeksOfClient(clientId, programId)) {
            evaluate(clientId, programId, week, false);
        }
    }

    private void session(SessionRow row) {
        checkTimes(row);
        store.lockClient(row.clientId(), row.programId());
        Optional<LocalDate> before = store.weekOfBooking(row.bookingId());
        LocalDate week = weekOf(row);
        store.saveSession(withWeek(row, week));
        Set<LocalDate> touched = new LinkedHashSet<>();
        before.ifPresent(touched::add);
        touched.add(week);
        touched.stream().sorted().forEach(w -> evaluate(row.clientId(), row.programId(), w, true));
    }

    private void outcome(SessionRow row, Outcome outcome, int revision, Instant in, Instant out, int minutes,
            org.openiop.events.MissedReason reason, boolean automatic) {
        checkTimes(row);
        store.lockClient(row.clientId(), row.programId());
        store.ensureSession(withWeek(row, weekOf(row)));
        if (store.saveOutcome(row.bookingId(), outcome, revision, in, out, minutes, reason, automatic)) {
            store.weekOfBooking(row.bookingId())
                    .ifPresent(week -> evaluate(row.clientId(), row.programId(), week, true));
        }
    }

    /**
     * Re-evaluates one client-week from the stored facts, stores it, and announces a status change. The caller holds
     * the client's lock.
     *
     * @param late whether an incoming change caused this (a change to a closed week re-opens and re-judges it)
     */
    void evaluate(String clientId, String programId, LocalDate weekStart, boolean late) {
        Optional<Program> known = store.program(programId, closeGrace);
        if (known.isEmpty()) {
            return;
        }
        Program program = known.get();
        Instant now = clock.instant();
        Optional<ComplianceStore.WeekRow> previous = store.week(clientId, programId, weekStart);
        Enrolment enrolment = store.enrolment(clientId, programId, ComplianceRules.weekEnds(weekStart,
                program.zone())).orElse(null);
        int priorStepDown = ComplianceRules.priorStepDownWeeks(weekStart, store.statusesBefore(clientId, programId,
                weekStart, program.stepDownAllowanceWeeks() + 1));
        WeekEvaluation evaluation = ComplianceRules.evaluate(program, enrolment, weekStart,
                store.sessionsOfWeek(clientId, programId, weekStart), priorStepDown, now);
        Instant reopened = late && evaluation.closed() ? now : null;
        store.saveWeek(clientId, programId, evaluation, ComplianceRules.weekCloses(weekStart, program), reopened, now);

        if (announcing) {
            announceIfChanged(clientId, programId, weekStart, evaluation.track(), evaluation.attendedMinutes(),
                    evaluation.scheduledRemainingMinutes(), evaluation.minimumMinutes(), evaluation.status(), now);
        }
        events.publishEvent(new WeekChanged(programId, clientId, weekStart, evaluation.track(),
                evaluation.attendedMinutes(), evaluation.scheduledRemainingMinutes(), evaluation.minimumMinutes(),
                evaluation.status(), evaluation.closed()));

        // A week's STEP_DOWN allowance depends on the weeks before it: when that changes, judge the next week again.
        ComplianceStatus before = previous.map(ComplianceStore.WeekRow::status).orElse(null);
        boolean stepDownChanged = before != evaluation.status()
                && (before == ComplianceStatus.STEP_DOWN || evaluation.status() == ComplianceStatus.STEP_DOWN);
        if (stepDownChanged && store.week(clientId, programId, weekStart.plusWeeks(1)).isPresent()) {
            evaluate(clientId, programId, weekStart.plusWeeks(1), false);
        }
    }

    /**
     * Publishes WeeklyComplianceChanged when a week's status differs from the one last announced. Weeks whose
     * enrolment is unknown are not announced (the event needs the track), nor is a first NOT_APPLICABLE.
     */
    private void announceIfChanged(String clientId, String programId, LocalDate weekStart,
            org.openiop.events.Track track, int attended, int remaining, Integer minimum, ComplianceStatus status,
            Instant now) {
        ComplianceStatus announced = store.announced(clientId, programId, weekStart).orElse(null);
        if (track == null || status == announced
                || (announced == null && status == ComplianceStatus.NOT_APPLICABLE)) {
            return;
        }
        outbox.append(WeeklyComplianceChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now).setClientId(clientId).setProgramId(programId).setWeekStart(weekStart)
                .setTrack(track).setAttendedMinutes(attended).setScheduledRemainingMinutes(remaining)
                .setMinimumMinutes(minimum).setPreviousStatus(announced).setStatus(status).build());
        store.announce(clientId, programId, weekStart, status);
    }

    boolean announcing() {
        return announcing;
    }

    /** Replay mode on or off (see {@link ProjectionRebuild}). */
    void announcing(boolean on) {
        announcing = on;
    }

    /** After a replay: announce every week whose rebuilt status differs from what was last announced. */
    int announceDifferences() {
        Instant now = clock.instant();
        int announced = 0;
        for (ComplianceStore.WeekRow w : store.weeksDifferingFromAnnouncement()) {
            store.lockClient(w.clientId(), w.programId());
            announceIfChanged(w.clientId(), w.programId(), w.weekStart(), w.track(), w.attendedMinutes(),
                    w.scheduledRemainingMinutes(), w.minimumMinutes(), w.status(), now);
            announced++;
        }
        return announced;
    }

    /** A week that reached its closing time: judged again, now as closed. */
    void close(ClientWeek week) {
        store.lockClient(week.clientId(), week.programId());
        evaluate(week.clientId(), week.programId(), week.weekStart(), false);
    }

    private LocalDate weekOf(SessionRow row) {
        DayOfWeek weekStart = store.program(row.programId(), closeGrace).map(Program::weekStart)
                .orElse(DayOfWeek.MONDAY);
        ZoneId zone = store.program(row.programId(), closeGrace).map(Program::zone).orElse(zone(row.timeZone()));
        return ComplianceRules.weekOf(row.startsAt(), zone, weekStart);
    }

    private static SessionRow withWeek(SessionRow r, LocalDate week) {
        return new SessionRow(r.bookingId(), r.sessionId(), r.clientId(), r.programId(), r.sessionType(), r.block(),
                r.startsAt(), r.endsAt(), r.timeZone(), week, r.cancelled());
    }

    private static void checkTimes(SessionRow row) {
        if (!row.endsAt().isAfter(row.startsAt())) {
            throw new EventRejectedException("booking " + row.bookingId() + " ends before it starts");
        }
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown time zone " + zone);
        }
    }

    private static DayOfWeek weekStart(String day) {
        try {
            return DayOfWeek.valueOf(day.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown week-start day " + day);
        }
    }

    /** A client-week was evaluated (published in-process; the live stream sends it after commit). */
    public record WeekChanged(String programId, String clientId, LocalDate weekStart, org.openiop.events.Track track,
            int attendedMinutes, int scheduledRemainingMinutes, Integer minimumMinutes, ComplianceStatus status,
            boolean closed) {
    }

    List<ClientWeek> dueToClose(Instant now, int limit) {
        return store.weeksToClose(now, limit);
    }
}
