package org.openiop.attendance.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceRepository.WeekRow;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What compliance officers read: a program week, one client's history, the export. Every client read is audited. */
@Service
public class ComplianceReader {

    private final ComplianceRepository store;
    private final ComplianceReadRepository reads;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration closeGrace;
    private final int trendWeeks;

    ComplianceReader(ComplianceRepository store, ComplianceReadRepository reads, AuditTrail audit, Clock clock,
            AttendanceProperties properties) {
        this.store = store;
        this.reads = reads;
        this.audit = audit;
        this.clock = clock;
        this.closeGrace = properties.compliance().closeGrace();
        this.trendWeeks = properties.compliance().trendWeeks();
    }

    /** Every client enrolled during the week (and any with sessions in it), with totals, status and trend. */
    @Transactional
    public ProgramWeek programWeek(String programId, LocalDate day) {
        Program program = program(programId);
        LocalDate weekStart = ComplianceRules.weekOf(day, program.weekStart());
        Instant now = clock.instant();
        List<String> clients = reads.clientsOfWeek(programId, weekStart);
        audit.reads("compliance-week", clients);
        // The whole program's trend window in one query, and the enrolments of clients with no row this week in
        // another: the page costs the same number of round trips for 10 clients or 1,000.
        Map<String, Map<LocalDate, WeekRow>> histories = new HashMap<>();
        reads.weeksOfProgram(programId, weekStart.minusWeeks(trendWeeks - 1), weekStart)
                .forEach(w -> histories.computeIfAbsent(w.clientId(), c -> new HashMap<>()).put(w.weekStart(), w));
        Map<String, Enrolment> unrecorded = clients.stream()
                .anyMatch(c -> !histories.getOrDefault(c, Map.of()).containsKey(weekStart))
                ? reads.enrolmentsOfWeek(programId, weekStart, ComplianceRules.weekEnds(weekStart, program.zone())) : Map.of();
        List<ClientWeekView> rows = new ArrayList<>();
        for (String clientId : clients) {
            Map<LocalDate, WeekRow> history = histories.getOrDefault(clientId, new HashMap<>());
            WeekRow week = history.computeIfAbsent(weekStart,
                    w -> unrecordedWeek(clientId, programId, w, program, unrecorded.get(clientId)));
            List<TrendPoint> trend = new ArrayList<>();
            for (int i = trendWeeks - 1; i >= 0; i--) {
                WeekRow w = history.get(weekStart.minusWeeks(i));
                trend.add(w == null ? new TrendPoint(weekStart.minusWeeks(i), null, null, null)
                        : new TrendPoint(w.weekStart(), w.attendedMinutes(), w.minimumMinutes(), w.status()));
            }
            ComplianceRules.Standing standing = ComplianceRules.standing(week.status(), week.attendedMinutes(),
                    week.scheduledRemainingMinutes(), week.minimumMinutes(), weekStart, program, now);
            rows.add(new ClientWeekView(clientId, week.track(), week.attendedMinutes(),
                    week.scheduledRemainingMinutes(), week.minimumMinutes(), standing.status(), week.closed(),
                    week.partial(), week.qualifyingDays(), trend, standing.phase(), standing.closesAt(),
                    standing.label()));
        }
        return new ProgramWeek(programId, weekStart, program.zone().getId(),
                ComplianceRules.weekBegins(weekStart, program.zone()),
                ComplianceRules.weekEnds(weekStart, program.zone()), rows,
                ComplianceRules.phase(weekStart, program, now), ComplianceRules.weekCloses(weekStart, program));
    }

    /** One client's weeks in every program, each with the sessions that counted (or not) and why. */
    @Transactional
    public ClientHistory client(String clientId, LocalDate from, LocalDate to) {
        return client(clientId, from, to, "compliance-history");
    }

    /** As {@link #client(String, LocalDate, LocalDate)}, audited as a read of {@code resource}. */
    @Transactional
    public ClientHistory client(String clientId, LocalDate from, LocalDate to, String resource) {
        List<String> programs = programsOfClient(clientId);
        if (programs.isEmpty()) {
            throw RuleViolation.notFound("clientId", "Client", clientId);
        }
        audit.read(resource, clientId);
        List<ClientWeekDetail> weeks = new ArrayList<>();
        for (String programId : programs) {
            Optional<Program> program = store.program(programId, closeGrace);
            if (program.isEmpty()) {
                continue;
            }
            for (LocalDate weekStart : store.weeksOfClient(clientId, programId)) {
                if ((from != null && weekStart.plusDays(6).isBefore(from)) || (to != null && weekStart.isAfter(to))) {
                    continue;
                }
                weeks.add(detail(clientId, programId, weekStart, program.get()));
            }
        }
        return new ClientHistory(clientId, weeks);
    }

    /** Client-weeks of a program that start within [from, to], with the per-day evidence payers ask for. */
    @Transactional
    public List<ClientWeekDetail> export(String programId, LocalDate from, LocalDate to) {
        Program program = program(programId);
        List<ComplianceRepository.ClientWeek> weeks = reads.clientWeeksOfProgram(programId,
                ComplianceRules.weekOf(from, program.weekStart()), to);
        audit.reads("compliance-export", weeks.stream().map(ComplianceRepository.ClientWeek::clientId).distinct().toList());
        return weeks.stream().map(w -> detail(w.clientId(), programId, w.weekStart(), program)).toList();
    }

    private ClientWeekDetail detail(String clientId, String programId, LocalDate weekStart, Program program) {
        WeekRow row = store.week(clientId, programId, weekStart)
                .orElseGet(() -> unrecordedWeek(clientId, programId, weekStart, program));
        Enrolment enrolment = store.enrolment(clientId, programId,
                ComplianceRules.weekEnds(weekStart, program.zone())).orElse(null);
        // Re-deriving the breakdown from the same stored facts gives the sessions, reasons and days behind the totals.
        WeekEvaluation detail = ComplianceRules.evaluate(program, enrolment, weekStart,
                store.sessionsOfWeek(clientId, programId, weekStart), 0, clock.instant());
        List<SessionLine> sessions = detail.sessions().stream().map(c -> new SessionLine(c.session().bookingId(),
                c.session().sessionId(), c.session().sessionType().name(), c.session().startsAt(),
                c.session().endsAt(), c.state(), c.countedMinutes(), c.remainingMinutes(), c.session().revision(),
                c.why())).toList();
        ComplianceRules.Standing standing = ComplianceRules.standing(row.status(), row.attendedMinutes(),
                row.scheduledRemainingMinutes(), row.minimumMinutes(), weekStart, program, clock.instant());
        return new ClientWeekDetail(clientId, programId, weekStart, row.track(), row.attendedMinutes(),
                row.scheduledRemainingMinutes(), row.minimumMinutes(), standing.status(), row.closed(), row.partial(),
                row.reopenedAt(), detail.qualifyingDays(), detail.meetsDailyRule(), detail.days(), sessions,
                row.status(), standing.phase(), standing.closesAt(), standing.label());
    }

    /** A week with no sessions at all has no stored row: judge it on the spot from the enrolment. */
    private WeekRow unrecordedWeek(String clientId, String programId, LocalDate weekStart, Program program) {
        return unrecordedWeek(clientId, programId, weekStart, program, store.enrolment(clientId, programId,
                ComplianceRules.weekEnds(weekStart, program.zone())).orElse(null));
    }

    private WeekRow unrecordedWeek(String clientId, String programId, LocalDate weekStart, Program program,
            Enrolment enrolment) {
        Instant now = clock.instant();
        WeekEvaluation e = ComplianceRules.evaluate(program, enrolment, weekStart, List.of(), 0, now);
        return new WeekRow(clientId, programId, weekStart, e.track(), 0, 0, e.minimumMinutes(), e.status(),
                e.partial(), 0, e.closed(), ComplianceRules.weekCloses(weekStart, program), null, now);
    }

    private Program program(String programId) {
        return judgedProgram(programId)
                .orElseThrow(() -> RuleViolation.notFound("programId", "Program", programId));
    }

    // ---- The read API of compliance for the other feature packages (evidence, certification, fhir): they read
    // ---- compliance's tables only through these methods (FeatureModulesTest). No auditing here: the callers audit.

    /** The programs a client has sessions or an enrolment in, sorted. */
    @Transactional(readOnly = true)
    public List<String> programsOfClient(String clientId) {
        return reads.programsOfClient(clientId);
    }

    /**
     * The program as the projection judges it: its settings, or the defaults in its sessions' zone while its
     * configuration has not arrived; empty when neither is known.
     */
    @Transactional(readOnly = true)
    public Optional<Program> judgedProgram(String programId) {
        return store.program(programId, closeGrace);
    }

    /** The enrolment as compliance sees it at the end of a week (phase as it was then); empty without a track. */
    public Optional<Enrolment> enrolment(String clientId, String programId, Instant weekEnds) {
        return store.enrolment(clientId, programId, weekEnds);
    }

    /** Whether the enrolment events reported this client in this program (whatever its state now). */
    @Transactional(readOnly = true)
    public boolean everEnrolled(String clientId, String programId) {
        return reads.everEnrolled(clientId, programId);
    }

    /** Of the given client-program pairs ({@code clientId + '|' + programId}), those discharged. */
    @Transactional(readOnly = true)
    public java.util.Set<String> discharged(java.util.Collection<String> clientPrograms) {
        if (clientPrograms.isEmpty()) {
            return java.util.Set.of();
        }
        return reads.discharged(clientPrograms);
    }

    /** The configured time zone of each of the given programs that has one (others have no configuration yet). */
    @Transactional(readOnly = true)
    public Map<String, java.time.ZoneId> configuredZones(java.util.Collection<String> programIds) {
        if (programIds.isEmpty()) {
            return new HashMap<>();
        }
        return reads.configuredZones(programIds);
    }

    /** A client's session facts in a program, of the weeks starting from {@code firstWeek} to {@code lastWeek}. */
    @Transactional(readOnly = true)
    public List<ComplianceRules.SessionFact> sessionFacts(String clientId, String programId, LocalDate firstWeek,
            LocalDate lastWeek) {
        return reads.sessionFacts(clientId, programId, firstWeek, lastWeek);
    }

    /** A client's judged weeks in a program up to {@code lastWeek}, oldest first (earlier weeks decide allowances). */
    @Transactional(readOnly = true)
    public List<JudgedWeek> weeksUpTo(String clientId, String programId, LocalDate lastWeek) {
        return reads.weeksUpTo(clientId, programId, lastWeek).stream()
                .map(w -> new JudgedWeek(w.weekStart(), w.track(), w.attendedMinutes(),
                        w.scheduledRemainingMinutes(), w.minimumMinutes(), w.status(), w.closed()))
                .toList();
    }

    /** A week as the projection judged it and announced it (what officers were shown). */
    public record JudgedWeek(LocalDate weekStart, Track track, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, ComplianceStatus status, boolean closed) {
    }

    /** A program week; {@code phase} OPEN, ENDED (late entries still count) or CLOSED, and when it closes. */
    public record ProgramWeek(String programId, LocalDate weekStart, String timeZone, Instant begins, Instant ends,
            List<ClientWeekView> clients, ComplianceRules.WeekPhase phase, Instant closesAt) {
    }

    /**
     * One client's week; {@code status} is the projection's status, except that an ended week still taking late
     * entries is {@code AWAITING_LATE_RECORDING} instead of AT_RISK / ON_TRACK ({@link ComplianceRules#standing}).
     */
    public record ClientWeekView(String clientId, Track track, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, String status, boolean closed, boolean partialWeek,
            int qualifyingDays, List<TrendPoint> trend, ComplianceRules.WeekPhase phase, Instant closesAt,
            String label) {
    }

    public record TrendPoint(LocalDate weekStart, Integer attendedMinutes, Integer minimumMinutes,
            ComplianceStatus status) {
    }

    public record ClientHistory(String clientId, List<ClientWeekDetail> weeks) {
    }

    /** One client-week in full; {@code status} as officers see it, {@code projectedStatus} as last announced. */
    public record ClientWeekDetail(String clientId, String programId, LocalDate weekStart, Track track,
            int attendedMinutes, int scheduledRemainingMinutes, Integer minimumMinutes, String status,
            boolean closed, boolean partialWeek, Instant reopenedAt, int qualifyingDays, boolean meetsDailyRule,
            List<ComplianceRules.DayEvidence> days, List<SessionLine> sessions, ComplianceStatus projectedStatus,
            ComplianceRules.WeekPhase phase, Instant closesAt, String label) {
    }

    /** One booking of the week: what it counted and why. */
    public record SessionLine(String bookingId, String sessionId, String sessionType, Instant startsAt,
            Instant endsAt, String state, int countedMinutes, int remainingMinutes, int revision, String why) {
    }
}
