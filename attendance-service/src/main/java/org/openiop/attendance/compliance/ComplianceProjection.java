package org.openiop.attendance.compliance;

import java.time.Clock;
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

import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.compliance.ComplianceInput.BookingOutcome;
import org.openiop.attendance.compliance.ComplianceInput.BookingTimes;
import org.openiop.attendance.compliance.ComplianceInput.Discharge;
import org.openiop.attendance.compliance.ComplianceInput.EnrolmentSaved;
import org.openiop.attendance.compliance.ComplianceInput.ProgramSettings;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceRepository.ClientWeek;
import org.openiop.attendance.compliance.ComplianceRepository.HeldBooking;
import org.openiop.attendance.compliance.ComplianceRepository.SessionRow;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Turns the program, client, session and attendance streams (as {@link ComplianceInput}s) into per client-week totals
 * and statuses. A batch stores its facts first and then re-evaluates the weeks it touched with what is known, so
 * events may arrive in any order across topics: a session before its enrolment is totalled at once and judged when the enrolment arrives.
 * Runs inside the caller's transaction (the inbox's), so facts, week rows and announcements commit together.
 */
@Component
class ComplianceProjection {

    private final ComplianceRepository store;
    private final OutboxWriter outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration closeGrace;
    private final Timer latency;
    /** Off while a rebuild replays history: its transient states are not news; differences are announced after. */
    private volatile boolean announcing = true;

    ComplianceProjection(ComplianceRepository store, OutboxWriter outbox, ApplicationEventPublisher events, Clock clock,
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

    /**
     * Applies a batch of inputs, in their order, inside the caller's transaction. Facts are folded in memory as the
     * batch goes (the last times of a booking, its highest revision, an enrolment's last state) and written with one
     * set-based statement per table; then every client-week the batch touched is evaluated once, in chunks that read
     * their facts in a handful of queries and write week rows, announcement marks and outbox rows with one statement
     * each. The outcome is the same as applying the inputs one by one, except that a status passed through and left
     * again within the batch is not announced (only real changes of the last announced status are). A program's new
     * settings split the batch: what came before is written first, then its sessions are re-filed into weeks.
     */
    public void apply(List<? extends ComplianceInput> batchInputs) {
        store.withoutJit();
        List<? extends ComplianceInput> inputs = SiblingSessions.homed(batchInputs, store);
        Batch batch = new Batch(inputs);
        for (ComplianceInput input : inputs) {
            input.to(batch);
        }
        batch.facts.flush();
        if (!batch.enrolments.isEmpty()) {
            events.publishEvent(new EnrolmentsChanged(batch.enrolments.stream()
                    .map(e -> e.clientId() + "|" + e.programId()).toList()));
        }
        batch.evaluateTouched();
        batch.recordLatency();
    }

    /**
     * Judges these client-weeks again from the stored facts (a rebuild after its replay), the same way a batch judges
     * the weeks it touched: in chunks, each read in a handful of queries and written with one statement per table.
     */
    void rejudge(List<ClientWeek> weeks) {
        Batch batch = new Batch(List.of());
        weeks.forEach(w -> batch.touch(w.clientId(), w.programId(), w.weekStart(), false));
        batch.evaluateTouched();
    }

    /** What one batch has learnt and touched; lives for one call of {@link #apply(List)}. */
    private final class Batch implements ComplianceInput.Handler {

        /** Weeks judged per round of reads (bounded: a program change can touch every week of the program). */
        private static final int EVALUATION_CHUNK = 500;

        private static final Comparator<ClientWeek> ORDER = Comparator.comparing(ClientWeek::clientId)
                .thenComparing(ClientWeek::programId).thenComparing(ClientWeek::weekStart);

        final FactWrites facts = store.factWrites();
        final Map<String, HeldBooking> held;
        private final Set<String> bookings = new HashSet<>();
        /** Week to evaluate, and whether an incoming session or attendance change touched it (may re-open it). */
        private final Map<ClientWeek, Boolean> touched = new TreeMap<>(ORDER);
        final Set<ClientWeek> enrolments = new LinkedHashSet<>();
        private final Set<String> reconfigured = new LinkedHashSet<>();
        private final Map<String, Program> programs = new HashMap<>();
        /** Programs not configured yet: the zone of a session already stored, else of this batch's first one. */
        private final Map<String, String> defaultZones = new HashMap<>();
        private final List<Instant> recordedAt = new ArrayList<>();

        Batch(List<? extends ComplianceInput> inputs) {
            Set<String> programIds = new HashSet<>();
            for (ComplianceInput input : inputs) {
                SessionRow row = input.session();
                if (row != null) {
                    bookings.add(row.bookingId());
                    programIds.add(row.programId());
                }
            }
            held = store.heldBookings(bookings);
            programs.putAll(store.configuredPrograms(programIds, closeGrace));
            Set<String> unconfigured = new HashSet<>(programIds);
            unconfigured.removeAll(programs.keySet());
            defaultZones.putAll(store.sessionZones(unconfigured));
        }

        @Override
        public void program(ProgramSettings settings) {
            Program program = settings.program(closeGrace);
            // What the program's sessions were filed and its weeks judged with until now (its defaults while it was
            // not configured).
            Optional<Program> before = program(settings.programId());
            // What came before is filed with the old settings; then every session of the program is filed again.
            facts.flush();
            store.saveProgram(settings.programId(), program);
            int moved = store.refileSessions(settings.programId(), program);
            programs.put(settings.programId(), program);
            if (moved == 0 && before.isPresent() && before.get().equals(program)) {
                // Settings as before (a program configured after its sessions arrived, with what its defaults were;
                // or a change of its name or phone): no session moved, and every week would be judged the same.
                return;
            }
            store.forgetWeeksOfProgram(settings.programId());
            reconfigured.add(settings.programId());
            // Sessions were re-filed into weeks: what this batch knew of their weeks is stale.
            held.clear();
            held.putAll(store.heldBookings(bookings));
        }

        @Override
        public void enrolment(EnrolmentSaved e) {
            facts.saveEnrolment(e);
            enrolments.add(new ClientWeek(e.clientId(), e.programId(), null));
        }

        @Override
        public void discharge(Discharge d) {
            facts.discharge(d.clientId(), d.programId(), d.dischargeDate());
            enrolments.add(new ClientWeek(d.clientId(), d.programId(), null));
        }

        @Override
        public void booking(BookingTimes booking) {
            SessionRow row = booking.session();
            LocalDate week = weekOf(row);
            facts.saveSession(withWeek(row, week));
            HeldBooking before = held.get(row.bookingId());
            if (before != null) {
                touch(row.clientId(), row.programId(), before.weekStart(), true);
            }
            touch(row.clientId(), row.programId(), week, true);
            held.put(row.bookingId(), new HeldBooking(week, before == null ? 0 : before.revision()));
        }

        @Override
        public void outcome(BookingOutcome o) {
            SessionRow row = o.session();
            HeldBooking known = held.get(row.bookingId());
            if (known == null) {
                known = new HeldBooking(weekOf(row), 0);
                facts.ensureSession(withWeek(row, known.weekStart()));
                held.put(row.bookingId(), known);
            }
            // Only a later revision replaces the record held; a duplicate or an older correction changes nothing.
            if (ComplianceRules.supersedes(o.revision(), known.revision())) {
                facts.saveOutcome(o);
                held.put(row.bookingId(), new HeldBooking(known.weekStart(), o.revision()));
                touch(row.clientId(), row.programId(), known.weekStart(), true);
            }
            if (announcing && o.recordedAt() != null) {
                recordedAt.add(o.recordedAt());
            }
        }

        void touch(String clientId, String programId, LocalDate weekStart, boolean late) {
            touched.merge(new ClientWeek(clientId, programId, weekStart), late, Boolean::logicalOr);
        }

        /** The program's settings: its own once configured, else the defaults in its sessions' zone. */
        Optional<Program> program(String programId) {
            Program known = programs.get(programId);
            if (known != null) {
                return Optional.of(known);
            }
            String zone = defaultZones.get(programId);
            if (zone != null) {
                return Optional.of(Program.defaults(zone(zone), closeGrace));
            }
            // Not met in this batch's sessions (an enrolment, say): as stored, after what is queued.
            facts.flush();
            Optional<Program> stored = store.program(programId, closeGrace);
            stored.ifPresent(p -> programs.put(programId, p));
            return stored;
        }

        LocalDate weekOf(SessionRow row) {
            defaultZones.putIfAbsent(row.programId(), row.timeZone());
            Program program = program(row.programId()).orElseThrow();
            return ComplianceRules.weekOf(row.startsAt(), program.zone(), program.weekStart());
        }

        /** Every touched client-week once, clients in a fixed order (their locks too), weeks oldest first. */
        void evaluateTouched() {
            if (!enrolments.isEmpty()) {
                for (ClientWeek week : store.weeksOfClients(enrolments)) {
                    touch(week.clientId(), week.programId(), week.weekStart(), false);
                }
                // Weeks without bookings of enrolments that ended before the closer's window (a replay of history).
                for (ClientWeek week : store.unjudgedClosedWeeksOfEnded(enrolments, clock.instant(), closeGrace)) {
                    touch(week.clientId(), week.programId(), week.weekStart(), false);
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

        /** One chunk: lock its clients, read its facts in a few queries, judge each week, write the results. */
        private void evaluateChunk(List<Map.Entry<ClientWeek, Boolean>> chunk) {
            List<ClientWeek> weeks = chunk.stream().map(Map.Entry::getKey).toList();
            store.lockClients(weeks.stream().map(w -> new ClientWeek(w.clientId(), w.programId(), null)).distinct()
                    .toList());
            int lookBack = 1 + weeks.stream().map(ClientWeek::programId).distinct().map(this::program)
                    .flatMap(Optional::stream).mapToInt(Program::stepDownAllowanceWeeks).max().orElse(0);
            WeekWrites writes = store.weekWrites(outbox);
            WeekFacts facts = store.preload(weeks, lookBack, writes);
            for (Map.Entry<ClientWeek, Boolean> week : chunk) {
                ClientWeek w = week.getKey();
                Optional<Program> program = program(w.programId());
                if (program.isPresent()) {
                    ComplianceProjection.this.evaluate(facts, program.get(), w.clientId(), w.programId(),
                            w.weekStart(), week.getValue());
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
        store.program(programId, closeGrace).ifPresent(program -> evaluate(store.direct(outbox), program, clientId,
                programId, weekStart, late));
    }

    private void evaluate(WeekFacts facts, Program program, String clientId, String programId, LocalDate weekStart,
            boolean late) {
        Instant now = clock.instant();
        Optional<ComplianceRepository.WeekRow> previous = facts.week(clientId, programId, weekStart);
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
        ComplianceStatus before = previous.map(ComplianceRepository.WeekRow::status).orElse(null);
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
            Track track, int attended, int remaining, Integer minimum, ComplianceStatus status,
            Instant now) {
        ComplianceStatus announced = facts.announced(clientId, programId, weekStart).orElse(null);
        if (track == null || status == announced
                || (announced == null && status == ComplianceStatus.NOT_APPLICABLE)) {
            return;
        }
        facts.announce(clientId, programId, weekStart, status, WeeklyComplianceChanged.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(now).setClientId(clientId)
                .setProgramId(programId).setWeekStart(weekStart).setTrack(event(track)).setAttendedMinutes(attended)
                .setScheduledRemainingMinutes(remaining).setMinimumMinutes(minimum)
                .setPreviousStatus(announced == null ? null : event(announced)).setStatus(event(status)).build());
    }

    /**
     * Compliance's track as the events spell it: exhaustive, so a value added on either side stops the build here
     * instead of reaching the API or the rules.
     */
    static org.openiop.events.Track event(Track track) {
        return switch (track) {
            case ADULT -> org.openiop.events.Track.ADULT;
            case ADOLESCENT -> org.openiop.events.Track.ADOLESCENT;
        };
    }

    /** Exhaustive like {@link #event(Track)}. */
    static org.openiop.events.ComplianceStatus event(ComplianceStatus status) {
        return switch (status) {
            case MET -> org.openiop.events.ComplianceStatus.MET;
            case ON_TRACK -> org.openiop.events.ComplianceStatus.ON_TRACK;
            case AT_RISK -> org.openiop.events.ComplianceStatus.AT_RISK;
            case BELOW_MINIMUM -> org.openiop.events.ComplianceStatus.BELOW_MINIMUM;
            case PARTIAL_WEEK -> org.openiop.events.ComplianceStatus.PARTIAL_WEEK;
            case STEP_DOWN -> org.openiop.events.ComplianceStatus.STEP_DOWN;
            case NOT_APPLICABLE -> org.openiop.events.ComplianceStatus.NOT_APPLICABLE;
        };
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
        for (ComplianceRepository.WeekRow w : store.weeksDifferingFromAnnouncement()) {
            store.lockClient(w.clientId(), w.programId());
            announceIfChanged(store.direct(outbox), w.clientId(), w.programId(), w.weekStart(), w.track(), w.attendedMinutes(),
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

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown time zone " + zone);
        }
    }

    /** A client-week was evaluated (published in-process; the live stream sends it after commit). */
    public record WeekChanged(String programId, String clientId, LocalDate weekStart, Track track,
            int attendedMinutes, int scheduledRemainingMinutes, Integer minimumMinutes, ComplianceStatus status,
            boolean closed) {
    }

    List<ClientWeek> dueToClose(Instant now, int limit) {
        return store.weeksToClose(now, limit);
    }

    /** Closed enrolment weeks nothing was booked in, not judged yet (see ComplianceRepository#unjudgedClosedWeeks). */
    List<ClientWeek> unjudgedClosedWeeks(Instant now, int limit) {
        // In the caller's transaction (see ComplianceRepository#withoutJit)
        store.withoutJit();
        return store.unjudgedClosedWeeks(now, closeGrace, limit);
    }
}
