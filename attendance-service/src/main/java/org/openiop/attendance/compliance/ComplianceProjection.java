package org.openiop.attendance.compliance;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceStore.ClientWeek;
import org.openiop.attendance.compliance.ComplianceStore.HeldBooking;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

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
    private final Timer latency;
    /** Off while a rebuild replays history: its transient states are not news; differences are announced after. */
    private volatile boolean announcing = true;

    ComplianceProjection(ComplianceStore store, OutboxWriter outbox, ApplicationEventPublisher events, Clock clock,
            AttendanceProperties properties, MeterRegistry meters) {
        this.store = store;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
        this.closeGrace = properties.compliance().closeGrace();
        this.latency = Timer.builder("iop.attendance.compliance.latency")
                .description("From an attendance or absence being recorded to the projection having committed it")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** Applies one event from any of the four input topics (a batch of one). */
    public void apply(SpecificRecord event) {
        apply(List.of(event));
    }

    /**
     * Applies a batch of events, in their order, inside the caller's transaction: each event's facts are written
     * (queued and sent as JDBC batches), and every client-week the batch touched is evaluated once at the end, so a
     * client's twelve sessions and their attendance in one poll cost one evaluation per week, not twenty-four. The
     * outcome is the same as applying the events one by one, except that a status passed through and left again
     * within the batch is not announced (only real changes of the last announced status are).
     */
    public void apply(List<? extends SpecificRecord> events) {
        Batch batch = new Batch(events);
        for (SpecificRecord event : events) {
            facts(event, batch);
        }
        batch.writes.flush();
        batch.evaluateTouched();
        batch.recordLatency();
    }

    private void facts(SpecificRecord event, Batch batch) {
        if (event instanceof ProgramConfigured e) {
            program(e, batch);
        } else if (event instanceof ClientEnrolled e) {
            store.saveEnrolment(e.getClientId(), e.getProgramId(), e.getTrack(), e.getAdmissionDate(),
                    e.getPlannedDischargeDate(), "ACTIVE", batch.writes);
            store.savePhase(e.getClientId(), e.getProgramId(), e.getOccurredAt(), e.getPhaseStepDown(), batch.writes);
            batch.enrolmentChanged(e.getClientId(), e.getProgramId());
        } else if (event instanceof ClientUpdated e) {
            store.saveEnrolment(e.getClientId(), e.getProgramId(), e.getTrack(), e.getAdmissionDate(),
                    e.getPlannedDischargeDate(), e.getStatus().name(), batch.writes);
            store.savePhase(e.getClientId(), e.getProgramId(), e.getOccurredAt(), e.getPhaseStepDown(), batch.writes);
            batch.enrolmentChanged(e.getClientId(), e.getProgramId());
        } else if (event instanceof ClientDischarged e) {
            store.discharge(e.getClientId(), e.getProgramId(), e.getDischargeDate(), batch.writes);
            batch.enrolmentChanged(e.getClientId(), e.getProgramId());
        } else if (event instanceof SessionScheduled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), batch);
        } else if (event instanceof SessionRescheduled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), batch);
        } else if (event instanceof SessionCancelled e) {
            session(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, true), batch);
        } else if (event instanceof SessionAttended e) {
            int minutes = ComplianceRules.attendedMinutes(e.getStartsAt(), e.getEndsAt(), e.getCheckedInAt(),
                    e.getCheckedOutAt());
            outcome(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), Outcome.ATTENDED, e.getRevision(), e.getCheckedInAt(), e.getCheckedOutAt(),
                    minutes, null, false, batch);
            batch.recorded(e.getOccurredAt());
        } else if (event instanceof SessionMissed e) {
            outcome(new SessionRow(e.getBookingId(), e.getSessionId(), e.getClientId(), e.getProgramId(),
                    e.getSessionType().name(), e.getBlock().name(), e.getStartsAt(), e.getEndsAt(), e.getTimeZone(),
                    null, false), Outcome.MISSED, e.getRevision(), null, null, 0, e.getReason(), e.getAutomatic(),
                    batch);
            batch.recorded(e.getOccurredAt());
        }
    }

    private void program(ProgramConfigured e, Batch batch) {
        Program program = new Program(zone(e.getTimeZone()), weekStart(e.getWeekStart()),
                e.getAdultMinimumMinutes(), e.getAdolescentMinimumMinutes(), e.getDailyThresholdMinutes(),
                e.getStepDownAllowanceWeeks(), closeGrace);
        batch.writes.flush();
        store.saveProgram(e.getProgramId(), program);
        // Zone or week-start day may have changed: re-file sessions into weeks and judge every week again.
        store.refileSessions(e.getProgramId(), program);
        store.forgetWeeksOfProgram(e.getProgramId());
        batch.programConfigured(e.getProgramId(), program);
    }

    private void session(SessionRow row, Batch batch) {
        checkTimes(row);
        LocalDate week = batch.weekOf(row);
        store.saveSession(withWeek(row, week), batch.writes);
        HeldBooking before = batch.held.get(row.bookingId());
        if (before != null) {
            batch.touch(row.clientId(), row.programId(), before.weekStart(), true);
        }
        batch.touch(row.clientId(), row.programId(), week, true);
        batch.held.put(row.bookingId(), new HeldBooking(week, before == null ? 0 : before.revision()));
    }

    private void outcome(SessionRow row, Outcome outcome, int revision, Instant in, Instant out, int minutes,
            org.openiop.events.MissedReason reason, boolean automatic, Batch batch) {
        checkTimes(row);
        HeldBooking held = batch.held.get(row.bookingId());
        if (held == null) {
            held = new HeldBooking(batch.weekOf(row), 0);
            store.ensureSession(withWeek(row, held.weekStart()), batch.writes);
            batch.held.put(row.bookingId(), held);
        }
        // Only a later revision replaces the record held; a duplicate or an older correction changes nothing.
        if (ComplianceRules.supersedes(revision, held.revision())) {
            store.saveOutcome(row.bookingId(), outcome, revision, in, out, minutes, reason, automatic, batch.writes);
            batch.held.put(row.bookingId(), new HeldBooking(held.weekStart(), revision));
            batch.touch(row.clientId(), row.programId(), held.weekStart(), true);
        }
    }

    /** What one batch has learnt and touched; lives for one call of {@link #apply(List)}. */
    private final class Batch {

        /** Weeks judged per round of reads (bounded: a program change can touch every week of the program). */
        private static final int EVALUATION_CHUNK = 500;

        private static final Comparator<ClientWeek> ORDER = Comparator.comparing(ClientWeek::clientId)
                .thenComparing(ClientWeek::programId).thenComparing(ClientWeek::weekStart);

        final ComplianceStore.Writes writes = store.writes();
        final Map<String, HeldBooking> held;
        private final Set<String> bookings = new HashSet<>();
        /** Week to evaluate, and whether an incoming session or attendance change touched it (may re-open it). */
        private final Map<ClientWeek, Boolean> touched = new TreeMap<>(ORDER);
        private final Set<ClientWeek> enrolments = new LinkedHashSet<>();
        private final Set<String> reconfigured = new LinkedHashSet<>();
        private final Map<String, Program> programs = new HashMap<>();
        private final List<Instant> recordedAt = new ArrayList<>();

        Batch(List<? extends SpecificRecord> events) {
            for (SpecificRecord event : events) {
                Schema.Field field = event.getSchema().getField("bookingId");
                if (field != null) {
                    bookings.add(String.valueOf(event.get(field.pos())));
                }
            }
            held = store.heldBookings(bookings);
        }

        void touch(String clientId, String programId, LocalDate weekStart, boolean late) {
            touched.merge(new ClientWeek(clientId, programId, weekStart), late, Boolean::logicalOr);
        }

        void enrolmentChanged(String clientId, String programId) {
            enrolments.add(new ClientWeek(clientId, programId, null));
        }

        void programConfigured(String programId, Program program) {
            programs.put(programId, program);
            reconfigured.add(programId);
            // Sessions were re-filed into weeks: what this batch knew of their weeks is stale.
            held.clear();
            held.putAll(store.heldBookings(bookings));
        }

        void recorded(Instant at) {
            if (announcing && at != null) {
                recordedAt.add(at);
            }
        }

        /** The program's settings: from this batch when it configured them, else from the store (once). */
        Optional<Program> program(String programId) {
            Program known = programs.get(programId);
            if (known != null) {
                return Optional.of(known);
            }
            Optional<Program> configured = store.configuredProgram(programId, closeGrace);
            if (configured.isPresent()) {
                programs.put(programId, configured.get());
                return configured;
            }
            // Not configured yet: the defaults take their zone from a stored session, so write what is queued first.
            writes.flush();
            return store.program(programId, closeGrace);
        }

        LocalDate weekOf(SessionRow row) {
            Optional<Program> program = program(row.programId());
            DayOfWeek weekStart = program.map(Program::weekStart).orElse(DayOfWeek.MONDAY);
            ZoneId zone = program.map(Program::zone).orElse(zone(row.timeZone()));
            return ComplianceRules.weekOf(row.startsAt(), zone, weekStart);
        }

        /** Every touched client-week once, clients in a fixed order (their locks too), weeks oldest first. */
        void evaluateTouched() {
            for (ClientWeek enrolment : enrolments) {
                for (LocalDate week : store.weeksOfClient(enrolment.clientId(), enrolment.programId())) {
                    touch(enrolment.clientId(), enrolment.programId(), week, false);
                }
            }
            for (String programId : reconfigured) {
                for (ClientWeek week : store.weeksOfProgram(programId)) {
                    touch(week.clientId(), week.programId(), week.weekStart(), false);
                }
            }
            List<Map.Entry<ClientWeek, Boolean>> all = new ArrayList<>(touched.entrySet());
            for (int from = 0; from < all.size(); from += EVALUATION_CHUNK) {
                evaluateChunk(all.subList(from, Math.min(all.size(), from + EVALUATION_CHUNK)));
            }
        }

        /** One chunk: lock its clients, read its facts in a few queries, judge each week, send the writes. */
        private void evaluateChunk(List<Map.Entry<ClientWeek, Boolean>> chunk) {
            List<ClientWeek> weeks = chunk.stream().map(Map.Entry::getKey).toList();
            store.lockClients(weeks.stream().map(w -> new ClientWeek(w.clientId(), w.programId(), null)).distinct()
                    .toList());
            int lookBack = 1 + weeks.stream().map(ClientWeek::programId).distinct().map(this::program)
                    .flatMap(Optional::stream).mapToInt(Program::stepDownAllowanceWeeks).max().orElse(0);
            WeekFacts facts = store.preload(weeks, lookBack, writes);
            for (Map.Entry<ClientWeek, Boolean> week : chunk) {
                ClientWeek w = week.getKey();
                Optional<Program> program = program(w.programId());
                if (program.isPresent()) {
                    ComplianceProjection.this.evaluate(facts, program.get(), w.clientId(), w.programId(), w.weekStart(), week.getValue());
                }
            }
            writes.flush();
        }

        /** Time from an attendance record's recording to its total being committed (the dashboard's freshness). */
        void recordLatency() {
            if (recordedAt.isEmpty()) {
                return;
            }
            Runnable record = () -> {
                Instant now = clock.instant();
                recordedAt.forEach(at -> latency.record(Duration.between(at, now).abs()));
            };
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        record.run();
                    }
                });
            } else {
                record.run();
            }
        }
    }

    /**
     * Re-evaluates one client-week from the stored facts, stores it, and announces a status change. The caller holds
     * the client's lock.
     *
     * @param late whether an incoming change caused this (a change to a closed week re-opens and re-judges it)
     */
    void evaluate(String clientId, String programId, LocalDate weekStart, boolean late) {
        store.program(programId, closeGrace).ifPresent(program -> evaluate(store.direct(), program, clientId,
                programId, weekStart, late));
    }

    private void evaluate(WeekFacts facts, Program program, String clientId, String programId, LocalDate weekStart,
            boolean late) {
        Instant now = clock.instant();
        Optional<ComplianceStore.WeekRow> previous = facts.week(clientId, programId, weekStart);
        Enrolment enrolment = facts.enrolment(clientId, programId, ComplianceRules.weekEnds(weekStart,
                program.zone())).orElse(null);
        int priorStepDown = ComplianceRules.priorStepDownWeeks(weekStart, facts.statusesBefore(clientId, programId,
                weekStart, program.stepDownAllowanceWeeks() + 1));
        WeekEvaluation evaluation = ComplianceRules.evaluate(program, enrolment, weekStart,
                facts.sessionsOfWeek(clientId, programId, weekStart), priorStepDown, now);
        Instant reopened = late && evaluation.closed() ? now : null;
        facts.saveWeek(clientId, programId, evaluation, ComplianceRules.weekCloses(weekStart, program), reopened, now);

        if (announcing) {
            announceIfChanged(facts, clientId, programId, weekStart, evaluation.track(), evaluation.attendedMinutes(),
                    evaluation.scheduledRemainingMinutes(), evaluation.minimumMinutes(), evaluation.status(), now);
        }
        events.publishEvent(new WeekChanged(programId, clientId, weekStart, evaluation.track(),
                evaluation.attendedMinutes(), evaluation.scheduledRemainingMinutes(), evaluation.minimumMinutes(),
                evaluation.status(), evaluation.closed()));

        // A week's STEP_DOWN allowance depends on the weeks before it: when that changes, judge the next week again.
        ComplianceStatus before = previous.map(ComplianceStore.WeekRow::status).orElse(null);
        boolean stepDownChanged = before != evaluation.status()
                && (before == ComplianceStatus.STEP_DOWN || evaluation.status() == ComplianceStatus.STEP_DOWN);
        if (stepDownChanged && facts.week(clientId, programId, weekStart.plusWeeks(1)).isPresent()) {
            evaluate(facts, program, clientId, programId, weekStart.plusWeeks(1), false);
        }
    }

    /**
     * Publishes WeeklyComplianceChanged when a week's status differs from the one last announced. Weeks whose
     * enrolment is unknown are not announced (the event needs the track), nor is a first NOT_APPLICABLE.
     */
    private void announceIfChanged(WeekFacts facts, String clientId, String programId, LocalDate weekStart,
            org.openiop.events.Track track, int attended, int remaining, Integer minimum, ComplianceStatus status,
            Instant now) {
        ComplianceStatus announced = facts.announced(clientId, programId, weekStart).orElse(null);
        if (track == null || status == announced
                || (announced == null && status == ComplianceStatus.NOT_APPLICABLE)) {
            return;
        }
        outbox.append(WeeklyComplianceChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(now).setClientId(clientId).setProgramId(programId).setWeekStart(weekStart)
                .setTrack(track).setAttendedMinutes(attended).setScheduledRemainingMinutes(remaining)
                .setMinimumMinutes(minimum).setPreviousStatus(announced).setStatus(status).build());
        facts.announce(clientId, programId, weekStart, status);
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
            announceIfChanged(store.direct(), w.clientId(), w.programId(), w.weekStart(), w.track(), w.attendedMinutes(),
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

    /** Closed enrolment weeks nothing was booked in, not judged yet (see ComplianceStore#unjudgedClosedWeeks). */
    List<ClientWeek> unjudgedClosedWeeks(Instant now, int limit) {
        return store.unjudgedClosedWeeks(now, closeGrace, limit);
    }
}
