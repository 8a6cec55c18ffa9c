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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What compliance officers read: a program week, one client's history, the export. Every client read is audited. */
@Service
public class ComplianceReader {

    private final ComplianceRepository store;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration closeGrace;
    private final int trendWeeks;

    ComplianceReader(ComplianceRepository store, JdbcClient jdbc, AuditTrail audit, Clock clock,
            AttendanceProperties properties) {
        this.store = store;
        this.jdbc = jdbc;
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
        List<String> clients = jdbc.sql("""
                SELECT client_id FROM compliance_enrolment WHERE program_id = :p AND track IS NOT NULL
                  AND admission_date <= :last AND (discharge_date IS NULL OR discharge_date >= :first)
                UNION SELECT client_id FROM compliance_week WHERE program_id = :p AND week_start = :first
                ORDER BY 1""")
                .param("p", programId).param("first", weekStart).param("last", weekStart.plusDays(6))
                .query(String.class).list();
        audit.reads("compliance-week", clients);
        // The whole program's trend window in one query, and the enrolments of clients with no row this week in
        // another: the page costs the same number of round trips for 10 clients or 1,000.
        Map<String, Map<LocalDate, WeekRow>> histories = new HashMap<>();
        jdbc.sql("""
                SELECT * FROM compliance_week WHERE program_id = :p AND week_start BETWEEN :from AND :to""")
                .param("p", programId).param("from", weekStart.minusWeeks(trendWeeks - 1)).param("to", weekStart)
                .query(ComplianceRepository::weekRow).list()
                .forEach(w -> histories.computeIfAbsent(w.clientId(), c -> new HashMap<>()).put(w.weekStart(), w));
        Map<String, Enrolment> unrecorded = clients.stream()
                .anyMatch(c -> !histories.getOrDefault(c, Map.of()).containsKey(weekStart))
                ? enrolments(programId, weekStart, ComplianceRules.weekEnds(weekStart, program.zone())) : Map.of();
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
        List<ComplianceRepository.ClientWeek> weeks = jdbc.sql("""
                SELECT DISTINCT client_id, week_start FROM compliance_week WHERE program_id = :p
                  AND week_start BETWEEN :from AND :to ORDER BY week_start, client_id""")
                .param("p", programId).param("from", ComplianceRules.weekOf(from, program.weekStart()))
                .param("to", to)
                .query((rs, n) -> new ComplianceRepository.ClientWeek(rs.getString(1), programId,
                        rs.getObject(2, LocalDate.class))).list();
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

    /** The program's enrolments during the week, each with the phase it had when the week ended (as {@code store.enrolment}). */
    private Map<String, Enrolment> enrolments(String programId, LocalDate weekStart, Instant weekEnds) {
        Map<String, Enrolment> enrolments = new HashMap<>();
        jdbc.sql("""
                SELECT e.client_id, e.track, e.admission_date,
                       coalesce(e.discharge_date, e.planned_discharge_date) AS leaves,
                       coalesce((SELECT p.step_down FROM compliance_phase p
                                 WHERE p.client_id = e.client_id AND p.program_id = e.program_id
                                   AND p.effective_at < :weekEnds
                                 ORDER BY p.effective_at DESC LIMIT 1), false) AS step_down
                FROM compliance_enrolment e WHERE e.program_id = :program AND e.track IS NOT NULL
                  AND e.admission_date <= :last AND (e.discharge_date IS NULL OR e.discharge_date >= :first)""")
                .param("program", programId).param("weekEnds", ComplianceRepository.ts(weekEnds))
                .param("first", weekStart).param("last", weekStart.plusDays(6))
                .query((rs, n) -> enrolments.put(rs.getString("client_id"), new Enrolment(
                        Track.valueOf(rs.getString("track")), rs.getObject("admission_date", LocalDate.class),
                        rs.getObject("leaves", LocalDate.class), rs.getBoolean("step_down"))))
                .list();
        return enrolments;
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
        return jdbc.sql("""
                SELECT program_id FROM compliance_session WHERE client_id = :c
                UNION SELECT program_id FROM compliance_enrolment WHERE client_id = :c ORDER BY 1""")
                .param("c", clientId).query(String.class).list();
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
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM compliance_enrolment WHERE client_id = :c AND program_id = :p)")
                .param("c", clientId).param("p", programId).query(Boolean.class).single();
    }

    /** Of the given client-program pairs ({@code clientId + '|' + programId}), those discharged. */
    @Transactional(readOnly = true)
    public java.util.Set<String> discharged(java.util.Collection<String> clientPrograms) {
        if (clientPrograms.isEmpty()) {
            return java.util.Set.of();
        }
        // The pairs as two arrays joined on the primary key (a concatenated key could only be matched by reading
        // every enrolment).
        List<String[]> pairs = clientPrograms.stream().map(k -> k.split("\\|", 2)).toList();
        return new java.util.HashSet<>(jdbc.sql("""
                SELECT e.client_id || '|' || e.program_id FROM compliance_enrolment e
                JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[])) AS k(c, p)
                  ON e.client_id = k.c AND e.program_id = k.p
                WHERE e.status = 'DISCHARGED'""")
                .param("c", pairs.stream().map(k -> k[0]).toArray(String[]::new))
                .param("p", pairs.stream().map(k -> k.length > 1 ? k[1] : "").toArray(String[]::new))
                .query(String.class).list());
    }

    /** The configured time zone of each of the given programs that has one (others have no configuration yet). */
    @Transactional(readOnly = true)
    public Map<String, java.time.ZoneId> configuredZones(java.util.Collection<String> programIds) {
        Map<String, java.time.ZoneId> zones = new HashMap<>();
        if (programIds.isEmpty()) {
            return zones;
        }
        jdbc.sql("SELECT program_id, time_zone FROM compliance_program WHERE program_id = ANY(:ids)")
                .param("ids", programIds.toArray(String[]::new))
                .query((rs, n) -> zones.put(rs.getString(1), java.time.ZoneId.of(rs.getString(2)))).list();
        return zones;
    }

    /** A client's session facts in a program, of the weeks starting from {@code firstWeek} to {@code lastWeek}. */
    @Transactional(readOnly = true)
    public List<ComplianceRules.SessionFact> sessionFacts(String clientId, String programId, LocalDate firstWeek,
            LocalDate lastWeek) {
        return jdbc.sql("""
                SELECT * FROM compliance_session WHERE client_id = :c AND program_id = :p
                  AND week_start BETWEEN :first AND :last""")
                .param("c", clientId).param("p", programId).param("first", firstWeek).param("last", lastWeek)
                .query(ComplianceRepository::fact).list();
    }

    /** A client's judged weeks in a program up to {@code lastWeek}, oldest first (earlier weeks decide allowances). */
    @Transactional(readOnly = true)
    public List<JudgedWeek> weeksUpTo(String clientId, String programId, LocalDate lastWeek) {
        return jdbc.sql("""
                SELECT * FROM compliance_week WHERE client_id = :c AND program_id = :p AND week_start <= :last
                ORDER BY week_start""")
                .param("c", clientId).param("p", programId).param("last", lastWeek)
                .query(ComplianceRepository::weekRow).list().stream()
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
