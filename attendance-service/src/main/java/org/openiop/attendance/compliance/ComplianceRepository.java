package org.openiop.attendance.compliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openiop.attendance.booking.SessionType;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.SessionFact;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.WeeklyComplianceChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The projection's tables (compliance_*): facts from the topics, and the evaluated weeks. */
@Repository
class ComplianceRepository {

    private final JdbcClient jdbc;

    ComplianceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- programs and enrolments
    /**
     * No JIT compilation for the rest of the caller's transaction. The projection's statements are short, but some
     * are estimated high (a lateral {@code generate_series} guessed at 1,000 rows per enrolment, key sets of 1,000):
     * above {@code jit_above_cost} PostgreSQL compiles them first, about 0.5 s per execution on a quiet machine and
     * seconds under load, for statements that run in under a millisecond (the ended enrolments' weeks: 3.3 s a call in
     * the replay profile, 0.4 ms with JIT off).
     */
    void withoutJit() {
        jdbc.sql("SET LOCAL jit = off").update();
    }


    void saveProgram(String programId, Program p) {
        jdbc.sql("""
                INSERT INTO compliance_program (program_id, time_zone, week_start, adult_minimum_minutes,
                    adolescent_minimum_minutes, daily_threshold_minutes, step_down_allowance_weeks)
                VALUES (:id, :zone, :weekStart, :adult, :adolescent, :daily, :allowance)
                ON CONFLICT (program_id) DO UPDATE SET time_zone = excluded.time_zone,
                    week_start = excluded.week_start, adult_minimum_minutes = excluded.adult_minimum_minutes,
                    adolescent_minimum_minutes = excluded.adolescent_minimum_minutes,
                    daily_threshold_minutes = excluded.daily_threshold_minutes,
                    step_down_allowance_weeks = excluded.step_down_allowance_weeks""")
                .param("id", programId).param("zone", p.zone().getId()).param("weekStart", p.weekStart().name())
                .param("adult", p.adultMinimumMinutes()).param("adolescent", p.adolescentMinimumMinutes())
                .param("daily", p.dailyThresholdMinutes()).param("allowance", p.stepDownAllowanceWeeks()).update();
    }

    /** The program's settings, or the defaults in the sessions' zone while its configuration has not arrived. */
    public Optional<Program> program(String programId, Duration closeGrace) {
        Optional<Program> configured = configuredProgram(programId, closeGrace);
        if (configured.isPresent()) {
            return configured;
        }
        return jdbc.sql("SELECT time_zone FROM compliance_session WHERE program_id = :id LIMIT 1")
                .param("id", programId).query(String.class).optional()
                .map(zone -> Program.defaults(ZoneId.of(zone), closeGrace));
    }

    /** The program's own settings, once its configuration has arrived. */
    Optional<Program> configuredProgram(String programId, Duration closeGrace) {
        return jdbc.sql("SELECT * FROM compliance_program WHERE program_id = :id")
                .param("id", programId)
                .query((rs, n) -> new Program(ZoneId.of(rs.getString("time_zone")),
                        DayOfWeek.valueOf(rs.getString("week_start")), rs.getInt("adult_minimum_minutes"),
                        rs.getInt("adolescent_minimum_minutes"), rs.getInt("daily_threshold_minutes"),
                        rs.getInt("step_down_allowance_weeks"), closeGrace))
                .optional();
    }

    /** The settings of those of these programs that are configured, in one query. */
    Map<String, Program> configuredPrograms(Collection<String> programIds, Duration closeGrace) {
        Map<String, Program> programs = new HashMap<>();
        if (programIds.isEmpty()) {
            return programs;
        }
        jdbc.sql("SELECT * FROM compliance_program WHERE program_id = ANY (CAST(:ids AS text[]))")
                .param("ids", Columns.of(programIds, id -> id))
                .query((rs, n) -> programs.put(rs.getString("program_id"), new Program(
                        ZoneId.of(rs.getString("time_zone")), DayOfWeek.valueOf(rs.getString("week_start")),
                        rs.getInt("adult_minimum_minutes"), rs.getInt("adolescent_minimum_minutes"),
                        rs.getInt("daily_threshold_minutes"), rs.getInt("step_down_allowance_weeks"), closeGrace)))
                .list();
        return programs;
    }

    /** For programs not configured yet: the zone of one stored session of each (their defaults' zone). */
    Map<String, String> sessionZones(Collection<String> programIds) {
        Map<String, String> zones = new HashMap<>();
        if (programIds.isEmpty()) {
            return zones;
        }
        jdbc.sql("""
                SELECT p.id, (SELECT s.time_zone FROM compliance_session s WHERE s.program_id = p.id LIMIT 1)
                FROM unnest(CAST(:ids AS text[])) AS p(id)""")
                .param("ids", Columns.of(programIds, id -> id))
                .query((rs, n) -> rs.getString(2) == null ? null : zones.put(rs.getString(1), rs.getString(2)))
                .list();
        return zones;
    }

    /** Each client's enrolled programs, latest admission first (sibling sessions are filed under the first). */
    Map<String, List<String>> enrolledPrograms(Collection<String> clientIds) {
        Map<String, List<String>> programs = new HashMap<>();
        jdbc.sql("""
                SELECT client_id, program_id FROM compliance_enrolment
                WHERE client_id = ANY(CAST(:ids AS text[])) AND track IS NOT NULL
                ORDER BY client_id, admission_date DESC NULLS LAST, program_id""")
                .param("ids", Columns.of(clientIds, id -> id))
                .query((rs, n) -> programs.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
                        .add(rs.getString(2)))
                .list();
        return programs;
    }

    /** The enrolment as compliance sees it at the end of a week (phase as it was then). */
    public Optional<Enrolment> enrolment(String clientId, String programId, Instant weekEnds) {
        return jdbc.sql("""
                SELECT e.track, e.admission_date, coalesce(e.discharge_date, e.planned_discharge_date) AS leaves,
                       coalesce((SELECT p.step_down FROM compliance_phase p
                                 WHERE p.client_id = e.client_id AND p.program_id = e.program_id
                                   AND p.effective_at < :weekEnds
                                 ORDER BY p.effective_at DESC LIMIT 1), false) AS step_down
                FROM compliance_enrolment e WHERE e.client_id = :client AND e.program_id = :program
                  AND e.track IS NOT NULL""")
                .param("client", clientId).param("program", programId).param("weekEnds", ts(weekEnds))
                .query((rs, n) -> new Enrolment(Track.valueOf(rs.getString("track")),
                        rs.getObject("admission_date", LocalDate.class), rs.getObject("leaves", LocalDate.class),
                        rs.getBoolean("step_down")))
                .optional();
    }

    // ---- sessions

    /** Where each known booking is filed and which attendance revision it holds, for a batch's bookings at once. */
    Map<String, HeldBooking> heldBookings(Collection<String> bookingIds) {
        Map<String, HeldBooking> held = new HashMap<>();
        if (bookingIds.isEmpty()) {
            return held;
        }
        jdbc.sql("""
                SELECT booking_id, week_start, revision FROM compliance_session
                WHERE booking_id = ANY (CAST(:ids AS text[]))""")
                .param("ids", Columns.of(bookingIds, id -> id)).query((rs, n) -> held.put(rs.getString(1),
                        new HeldBooking(rs.getObject(2, LocalDate.class), rs.getInt(3)))).list();
        return held;
    }

    List<SessionFact> sessionsOfWeek(String clientId, String programId, LocalDate weekStart) {
        return jdbc.sql("""
                SELECT * FROM compliance_session WHERE client_id = :client AND program_id = :program
                  AND week_start = :week""")
                .param("client", clientId).param("program", programId).param("week", weekStart)
                .query(ComplianceRepository::fact).list();
    }

    /**
     * Re-files a program's sessions into weeks after its zone or week-start day changed (one update, of the sessions
     * whose week moved: a program configured after its sessions arrived in the zone and on the week-start day of its
     * defaults moves none, and rewriting every one would be a new version of each row and its index entries).
     *
     * @return how many sessions moved to another week
     */
    int refileSessions(String programId, Program program) {
        List<Object[]> rows = new ArrayList<>();
        jdbc.sql("SELECT booking_id, starts_at, week_start FROM compliance_session WHERE program_id = :p")
                .param("p", programId)
                .query((rs, n) -> {
                    LocalDate week = ComplianceRules.weekOf(rs.getTimestamp(2).toInstant(), program.zone(),
                            program.weekStart());
                    if (!week.equals(rs.getObject(3, LocalDate.class))) {
                        rows.add(new Object[] { rs.getString(1), week });
                    }
                    return null;
                })
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                UPDATE compliance_session s SET week_start = u.week
                FROM unnest(CAST(:booking AS text[]), CAST(:week AS date[])) AS u(booking_id, week)
                WHERE s.booking_id = u.booking_id""")
                .param("booking", Columns.of(rows, r -> r[0])).param("week", Columns.of(rows, r -> r[1])).update();
        return rows.size();
    }

    /** Every client-week of a program that has sessions, oldest first per client (step-down looks back). */
    List<ClientWeek> weeksOfProgram(String programId) {
        return jdbc.sql("""
                SELECT DISTINCT client_id, program_id, week_start FROM compliance_session WHERE program_id = :p
                ORDER BY client_id, week_start""")
                .param("p", programId).query((rs, n) -> new ClientWeek(rs.getString(1), rs.getString(2),
                        rs.getObject(3, LocalDate.class))).list();
    }

    List<LocalDate> weeksOfClient(String clientId, String programId) {
        return jdbc.sql("""
                SELECT week_start FROM compliance_session WHERE client_id = :c AND program_id = :p
                UNION SELECT week_start FROM compliance_week WHERE client_id = :c AND program_id = :p
                ORDER BY 1""")
                .param("c", clientId).param("p", programId).query(LocalDate.class).list();
    }

    /** Every week known of each of these clients' enrolments (sessions filed or weeks judged), in one query. */
    List<ClientWeek> weeksOfClients(Collection<ClientWeek> enrolments) {
        List<ClientWeek> pairs = new ArrayList<>(enrolments);
        return jdbc.sql("""
                WITH k(c, p) AS (SELECT * FROM unnest(CAST(:c AS text[]), CAST(:p AS text[])))
                SELECT s.client_id, s.program_id, s.week_start FROM compliance_session s
                  JOIN k ON s.client_id = k.c AND s.program_id = k.p
                UNION SELECT w.client_id, w.program_id, w.week_start FROM compliance_week w
                  JOIN k ON w.client_id = k.c AND w.program_id = k.p
                ORDER BY 1, 2, 3""")
                .param("c", Columns.of(pairs, ClientWeek::clientId)).param("p", Columns.of(pairs, ClientWeek::programId))
                .query((rs, n) -> new ClientWeek(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    void forgetWeeksOfProgram(String programId) {
        jdbc.sql("DELETE FROM compliance_week WHERE program_id = :p").param("p", programId).update();
    }

    // ---- weeks

    /** Serialises every evaluation of one client in one program, across threads and instances. */
    void lockClient(String clientId, String programId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:c), hashtext(:p))").param("c", clientId)
                .param("p", programId).query((rs, n) -> 1).list();
    }

    Optional<WeekRow> week(String clientId, String programId, LocalDate weekStart) {
        return jdbc.sql("""
                SELECT * FROM compliance_week WHERE client_id = :c AND program_id = :p AND week_start = :w""")
                .param("c", clientId).param("p", programId).param("w", weekStart).query(ComplianceRepository::weekRow)
                .optional();
    }

    List<WeekRow> weeksBetween(String clientId, String programId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT * FROM compliance_week WHERE client_id = :c AND program_id = :p
                  AND week_start BETWEEN :from AND :to ORDER BY week_start""")
                .param("c", clientId).param("p", programId).param("from", from).param("to", to)
                .query(ComplianceRepository::weekRow).list();
    }

    Map<LocalDate, ComplianceStatus> statusesBefore(String clientId, String programId, LocalDate weekStart,
            int weeks) {
        Map<LocalDate, ComplianceStatus> statuses = new HashMap<>();
        jdbc.sql("""
                SELECT week_start, status FROM compliance_week WHERE client_id = :c AND program_id = :p
                  AND week_start < :w AND week_start >= :from""")
                .param("c", clientId).param("p", programId).param("w", weekStart)
                .param("from", weekStart.minusWeeks(weeks))
                .query((rs, n) -> statuses.put(rs.getObject(1, LocalDate.class),
                        ComplianceStatus.valueOf(rs.getString(2)))).list();
        return statuses;
    }

    void saveWeek(String clientId, String programId, WeekEvaluation e, Instant closesAt, Instant reopenedAt,
            Instant now) {
        jdbc.sql(SAVE_WEEK).params(weekParams(clientId, programId, e, closesAt, reopenedAt, now)).update();
    }

    private static final String SAVE_WEEK = """
                INSERT INTO compliance_week (client_id, program_id, week_start, track, attended_minutes,
                    scheduled_remaining_minutes, minimum_minutes, status, partial, qualifying_days, closed, closes_at,
                    reopened_at, evaluated_at)
                VALUES (:c, :p, :w, :track, :attended, :remaining, :minimum, :status, :partial, :days, :closed,
                    :closesAt, :reopenedAt, :now)
                ON CONFLICT (client_id, program_id, week_start) DO UPDATE SET track = excluded.track,
                    attended_minutes = excluded.attended_minutes,
                    scheduled_remaining_minutes = excluded.scheduled_remaining_minutes,
                    minimum_minutes = excluded.minimum_minutes, status = excluded.status,
                    partial = excluded.partial, qualifying_days = excluded.qualifying_days, closed = excluded.closed,
                    closes_at = excluded.closes_at,
                    reopened_at = coalesce(excluded.reopened_at, compliance_week.reopened_at),
                    evaluated_at = excluded.evaluated_at""";

    private static Map<String, Object> weekParams(String clientId, String programId, WeekEvaluation e,
            Instant closesAt, Instant reopenedAt, Instant now) {
        return params("c", clientId, "p", programId, "w", e.weekStart(), "track",
                e.track() == null ? null : e.track().name(), "attended", e.attendedMinutes(), "remaining",
                e.scheduledRemainingMinutes(), "minimum", e.minimumMinutes(), "status", e.status().name(), "partial",
                e.partial(), "days", e.qualifyingDays(), "closed", e.closed(), "closesAt", ts(closesAt), "reopenedAt",
                ts(reopenedAt), "now", ts(now));
    }

    Optional<ComplianceStatus> announced(String clientId, String programId, LocalDate weekStart) {
        return jdbc.sql("""
                SELECT status FROM compliance_announcement WHERE client_id = :c AND program_id = :p
                  AND week_start = :w""")
                .param("c", clientId).param("p", programId).param("w", weekStart)
                .query((rs, n) -> ComplianceStatus.valueOf(rs.getString(1))).optional();
    }

    void announce(String clientId, String programId, LocalDate weekStart, ComplianceStatus status) {
        jdbc.sql(ANNOUNCE).params(params("c", clientId, "p", programId, "w", weekStart, "s", status.name())).update();
    }

    private static final String ANNOUNCE = """
                INSERT INTO compliance_announcement (client_id, program_id, week_start, status)
                VALUES (:c, :p, :w, :s)
                ON CONFLICT (client_id, program_id, week_start) DO UPDATE SET status = excluded.status""";

    List<WeekRow> weeksDifferingFromAnnouncement() {
        return jdbc.sql("""
                SELECT w.* FROM compliance_week w
                LEFT JOIN compliance_announcement a USING (client_id, program_id, week_start)
                WHERE w.track IS NOT NULL AND a.status IS DISTINCT FROM w.status
                  AND NOT (a.status IS NULL AND w.status = 'NOT_APPLICABLE')""")
                .query(ComplianceRepository::weekRow).list();
    }

    /** Open weeks whose grace has passed. */
    List<ClientWeek> weeksToClose(Instant now, int limit) {
        return jdbc.sql("""
                SELECT client_id, program_id, week_start FROM compliance_week WHERE NOT closed AND closes_at <= :now
                ORDER BY closes_at LIMIT :limit""")
                .param("now", ts(now)).param("limit", limit)
                .query((rs, n) -> new ClientWeek(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    /**
     * Closed weeks of an enrolment that have no row yet because nothing was booked in them, oldest first per client
     * (step-down allowance counts the weeks before): each is judged like any other week (STEP_DOWN within the
     * allowance, PARTIAL_WEEK at admission or discharge, BELOW_MINIMUM otherwise) and then listed everywhere.
     * <p>
     * Only enrolments still running or that ended within the close grace and two weeks: an enrolment's last week
     * closes at most a week and the grace after it ends, and this runs every minute, so older ones have no week left
     * to find. Without the bound it enumerated every week of every enrolment ever, every minute (found by index:
     * {@code compliance_enrolment_leaves}; a closed range keeps the generic plan on it).
     */
    List<ClientWeek> unjudgedClosedWeeks(Instant now, Duration closeGrace, int limit) {
        return unjudgedClosedWeeks("coalesce(discharge_date, planned_discharge_date, 'infinity'::date) "
                + "BETWEEN :oldest AND 'infinity'::date", Map.of(), now, closeGrace, limit);
    }

    /**
     * The same for these enrolments (client-program pairs), only those that ended before the closer's window: a
     * replay (a new instance, a rebuild) applies enrolments that ended long ago, whose weeks without any booking the
     * closer no longer looks at, so the batch that applies them judges those weeks.
     */
    List<ClientWeek> unjudgedClosedWeeksOfEnded(Collection<ClientWeek> enrolments, Instant now, Duration closeGrace) {
        List<ClientWeek> pairs = new ArrayList<>(enrolments);
        return unjudgedClosedWeeks("(client_id, program_id) IN (SELECT * FROM unnest(CAST(:c AS text[]), "
                + "CAST(:p AS text[]))) AND coalesce(discharge_date, planned_discharge_date, 'infinity'::date) < :oldest",
                Map.of("c", Columns.of(pairs, ClientWeek::clientId), "p", Columns.of(pairs, ClientWeek::programId)),
                now, closeGrace, Integer.MAX_VALUE);
    }

    private List<ClientWeek> unjudgedClosedWeeks(String enrolmentsWhere, Map<String, ?> enrolmentParams, Instant now,
            Duration closeGrace, int limit) {
        // The enrolments first (materialized: by the index, not by walking the primary key for the sort), and the
        // week row looked up per candidate week (OFFSET 0 keeps it a per-row probe: as an anti-join the planner,
        // guessing 1,000 rows per generate_series, hashes the whole week table).
        return jdbc.sql("""
                WITH e AS MATERIALIZED (
                    SELECT client_id, program_id, admission_date, discharge_date, planned_discharge_date
                    FROM compliance_enrolment
                    WHERE track IS NOT NULL AND admission_date IS NOT NULL AND %s)
                SELECT e.client_id, e.program_id, w.week_start
                FROM e
                JOIN compliance_program p ON p.program_id = e.program_id
                CROSS JOIN LATERAL (
                    SELECT g::date AS week_start FROM generate_series(
                        e.admission_date - ((extract(isodow FROM e.admission_date)::int
                            - array_position(ARRAY['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY','SATURDAY',
                                                   'SUNDAY'], p.week_start) + 7) %% 7),
                        least(coalesce(e.discharge_date, e.planned_discharge_date, :today), :today),
                        interval '7 days') g) w
                WHERE ((w.week_start + 7)::timestamp AT TIME ZONE p.time_zone) + make_interval(secs => :grace) <= :now
                  AND NOT EXISTS (SELECT 1 FROM compliance_week c WHERE c.client_id = e.client_id
                                    AND c.program_id = e.program_id AND c.week_start = w.week_start OFFSET 0)
                ORDER BY e.client_id, e.program_id, w.week_start LIMIT :limit""".formatted(enrolmentsWhere))
                .params(enrolmentParams)
                .param("today", now.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1))
                .param("oldest", now.atOffset(java.time.ZoneOffset.UTC).toLocalDate().minusDays(
                        closeGrace.toDays() + 15))
                .param("grace", (double) closeGrace.toSeconds()).param("now", ts(now)).param("limit", limit)
                .query((rs, n) -> new ClientWeek(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    /**
     * Forgets which input events the projection applied, so a rebuild re-applies whatever the topics still hold. The
     * facts (programs, enrolments, phases, sessions with their latest attendance) are kept: they are the durable
     * record of the inputs, whatever the topics' retention (ADR 0009); applying an event again changes nothing.
     */
    void forgetApplied(String consumer) {
        jdbc.sql("DELETE FROM processed_event WHERE consumer = :c").param("c", consumer).update();
    }

    /** Every client-week the projection knows, oldest first per client (a rebuild re-judges each from the facts). */
    List<ClientWeek> allClientWeeks() {
        return jdbc.sql("""
                SELECT client_id, program_id, week_start FROM compliance_session
                UNION SELECT client_id, program_id, week_start FROM compliance_week
                ORDER BY 1, 2, 3""")
                .query((rs, n) -> new ClientWeek(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    // ---- judging weeks: one at a time, or a batch's weeks read up front

    /** Takes the locks of several clients in one round trip, in the order given (callers sort them). */
    void lockClients(List<ClientWeek> clients) {
        if (clients.isEmpty()) {
            return;
        }
        List<Object[]> pairs = clients.stream().map(c -> new Object[] { c.clientId(), c.programId() }).toList();
        jdbc.sql("SELECT count(pg_advisory_xact_lock(hashtext(v.c), hashtext(v.p))) FROM (VALUES :pairs) v(c, p)")
                .param("pairs", pairs).query(Long.class).single();
    }

    /** Every read and write on the database, one statement each; announcements through {@code outbox}. */
    WeekFacts direct(OutboxWriter outbox) {
        return new WeekFacts() {

            @Override
            public Optional<WeekRow> week(String c, String p, LocalDate w) {
                return ComplianceRepository.this.week(c, p, w);
            }

            @Override
            public Optional<Enrolment> enrolment(String c, String p, Instant weekEnds) {
                return ComplianceRepository.this.enrolment(c, p, weekEnds);
            }

            @Override
            public Map<LocalDate, ComplianceStatus> statusesBefore(String c, String p, LocalDate w, int weeks) {
                return ComplianceRepository.this.statusesBefore(c, p, w, weeks);
            }

            @Override
            public List<SessionFact> sessionsOfWeek(String c, String p, LocalDate w) {
                return ComplianceRepository.this.sessionsOfWeek(c, p, w);
            }

            @Override
            public Optional<ComplianceStatus> announced(String c, String p, LocalDate w) {
                return ComplianceRepository.this.announced(c, p, w);
            }

            @Override
            public void saveWeek(String c, String p, WeekEvaluation e, Instant closesAt, Instant reopenedAt,
                    Instant now) {
                ComplianceRepository.this.saveWeek(c, p, e, closesAt, reopenedAt, now);
            }

            @Override
            public void announce(String c, String p, LocalDate w, ComplianceStatus status,
                    WeeklyComplianceChanged announcement) {
                outbox.append(announcement);
                ComplianceRepository.this.announce(c, p, w, status);
            }
        };
    }

    /**
     * Reads what judging {@code weeks} needs in five queries (their week rows with {@code lookBack} weeks before and
     * one after, their sessions, enrolments, phases and last announcements), each key set as array parameters, and
     * collects the writes on {@code writes}. Anything asked outside what was read goes to the database, after the
     * collected writes.
     */
    WeekFacts preload(Collection<ClientWeek> weeks, int lookBack, WeekWrites writes) {
        return new Preloaded(weeks, lookBack, writes);
    }

    private final class Preloaded implements WeekFacts {

        private final WeekWrites writes;
        private final Set<ClientWeek> pairs = new HashSet<>();
        private final Set<ClientWeek> loaded = new HashSet<>();
        /** The week rows read: each judged week with {@code lookBack} weeks before it and the one after. */
        private final Set<ClientWeek> covered = new HashSet<>();
        private final Map<ClientWeek, WeekRow> weekRows = new HashMap<>();
        private final Map<ClientWeek, List<SessionFact>> sessions = new HashMap<>();
        private final Map<ClientWeek, Object[]> enrolments = new HashMap<>();
        private final Map<ClientWeek, List<Object[]>> phases = new HashMap<>();
        private final Map<ClientWeek, ComplianceStatus> announcements = new HashMap<>();

        Preloaded(Collection<ClientWeek> weeks, int lookBack, WeekWrites writes) {
            this.writes = writes;
            for (ClientWeek w : weeks) {
                pairs.add(pair(w.clientId(), w.programId()));
                loaded.add(w);
                for (int i = -lookBack; i <= 1; i++) {
                    covered.add(new ClientWeek(w.clientId(), w.programId(), w.weekStart().plusWeeks(i)));
                }
            }
            List<ClientWeek> pairList = new ArrayList<>(pairs);
            List<ClientWeek> weekList = new ArrayList<>(weeks);
            List<ClientWeek> coveredList = new ArrayList<>(covered);
            // Exact keys, not a date range per client: a range lets the planner take the (program_id, week_start)
            // index and filter by client, which reads every week of the program once per client (seconds per chunk
            // for a program of a thousand clients); exact keys are primary-key lookups whatever the history.
            jdbc.sql("""
                    SELECT w.* FROM compliance_week w
                    JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:w AS date[])) AS k(c, p, w)
                      ON w.client_id = k.c AND w.program_id = k.p AND w.week_start = k.w""")
                    .param("c", Columns.of(coveredList, ClientWeek::clientId))
                    .param("p", Columns.of(coveredList, ClientWeek::programId))
                    .param("w", Columns.of(coveredList, ClientWeek::weekStart))
                    .query(ComplianceRepository::weekRow).list()
                    .forEach(r -> weekRows.put(new ClientWeek(r.clientId(), r.programId(), r.weekStart()), r));
            weeks.forEach(w -> sessions.put(w, new ArrayList<>()));
            jdbc.sql("""
                    SELECT s.* FROM compliance_session s
                    JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:w AS date[])) AS k(c, p, w)
                      ON s.client_id = k.c AND s.program_id = k.p AND s.week_start = k.w""")
                    .param("c", Columns.of(weekList, ClientWeek::clientId))
                    .param("p", Columns.of(weekList, ClientWeek::programId))
                    .param("w", Columns.of(weekList, ClientWeek::weekStart))
                    .query((rs, n) -> sessions.get(new ClientWeek(rs.getString("client_id"),
                            rs.getString("program_id"), rs.getObject("week_start", LocalDate.class)))
                            .add(fact(rs, n)))
                    .list();
            jdbc.sql("""
                    SELECT e.client_id, e.program_id, e.track, e.admission_date,
                           coalesce(e.discharge_date, e.planned_discharge_date) AS leaves
                    FROM compliance_enrolment e
                    JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[])) AS k(c, p)
                      ON e.client_id = k.c AND e.program_id = k.p
                    WHERE e.track IS NOT NULL""")
                    .param("c", Columns.of(pairList, ClientWeek::clientId))
                    .param("p", Columns.of(pairList, ClientWeek::programId))
                    .query((rs, n) -> enrolments.put(pair(rs.getString(1), rs.getString(2)), new Object[] {
                            Track.valueOf(rs.getString(3)), rs.getObject(4, LocalDate.class),
                            rs.getObject(5, LocalDate.class) }))
                    .list();
            jdbc.sql("""
                    SELECT f.client_id, f.program_id, f.effective_at, f.step_down FROM compliance_phase f
                    JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[])) AS k(c, p)
                      ON f.client_id = k.c AND f.program_id = k.p""")
                    .param("c", Columns.of(pairList, ClientWeek::clientId))
                    .param("p", Columns.of(pairList, ClientWeek::programId))
                    .query((rs, n) -> phases.computeIfAbsent(pair(rs.getString(1), rs.getString(2)),
                            k -> new ArrayList<>()).add(new Object[] { instant(rs, "effective_at"),
                                    rs.getBoolean(4) }))
                    .list();
            jdbc.sql("""
                    SELECT a.client_id, a.program_id, a.week_start, a.status FROM compliance_announcement a
                    JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:w AS date[])) AS k(c, p, w)
                      ON a.client_id = k.c AND a.program_id = k.p AND a.week_start = k.w""")
                    .param("c", Columns.of(weekList, ClientWeek::clientId))
                    .param("p", Columns.of(weekList, ClientWeek::programId))
                    .param("w", Columns.of(weekList, ClientWeek::weekStart))
                    .query((rs, n) -> announcements.put(new ClientWeek(rs.getString(1), rs.getString(2),
                            rs.getObject(3, LocalDate.class)), ComplianceStatus.valueOf(rs.getString(4))))
                    .list();
        }

        private static ClientWeek pair(String clientId, String programId) {
            return new ClientWeek(clientId, programId, null);
        }

        private boolean covers(String c, String p, LocalDate first, LocalDate last) {
            for (LocalDate w = first; !w.isAfter(last); w = w.plusWeeks(1)) {
                if (!covered.contains(new ClientWeek(c, p, w))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Optional<WeekRow> week(String c, String p, LocalDate w) {
            if (covers(c, p, w, w)) {
                return Optional.ofNullable(weekRows.get(new ClientWeek(c, p, w)));
            }
            writes.flush();
            return ComplianceRepository.this.week(c, p, w);
        }

        @Override
        public Optional<Enrolment> enrolment(String c, String p, Instant weekEnds) {
            if (!pairs.contains(pair(c, p))) {
                writes.flush();
                return ComplianceRepository.this.enrolment(c, p, weekEnds);
            }
            Object[] e = enrolments.get(pair(c, p));
            if (e == null) {
                return Optional.empty();
            }
            // The phase the client had when the week ended: the latest one that took effect before.
            Instant latest = null;
            boolean stepDown = false;
            for (Object[] phase : phases.getOrDefault(pair(c, p), List.of())) {
                Instant at = (Instant) phase[0];
                if (at.isBefore(weekEnds) && (latest == null || at.isAfter(latest))) {
                    latest = at;
                    stepDown = (Boolean) phase[1];
                }
            }
            return Optional.of(new Enrolment((Track) e[0], (LocalDate) e[1], (LocalDate) e[2], stepDown));
        }

        @Override
        public Map<LocalDate, ComplianceStatus> statusesBefore(String c, String p, LocalDate w, int weeks) {
            if (!covers(c, p, w.minusWeeks(weeks), w)) {
                writes.flush();
                return ComplianceRepository.this.statusesBefore(c, p, w, weeks);
            }
            Map<LocalDate, ComplianceStatus> statuses = new HashMap<>();
            for (int i = 1; i <= weeks; i++) {
                WeekRow row = weekRows.get(new ClientWeek(c, p, w.minusWeeks(i)));
                if (row != null) {
                    statuses.put(row.weekStart(), row.status());
                }
            }
            return statuses;
        }

        @Override
        public List<SessionFact> sessionsOfWeek(String c, String p, LocalDate w) {
            List<SessionFact> known = sessions.get(new ClientWeek(c, p, w));
            if (known != null) {
                return known;
            }
            writes.flush();
            return ComplianceRepository.this.sessionsOfWeek(c, p, w);
        }

        @Override
        public Optional<ComplianceStatus> announced(String c, String p, LocalDate w) {
            ClientWeek key = new ClientWeek(c, p, w);
            if (loaded.contains(key)) {
                return Optional.ofNullable(announcements.get(key));
            }
            writes.flush();
            return ComplianceRepository.this.announced(c, p, w);
        }

        @Override
        public void saveWeek(String c, String p, WeekEvaluation e, Instant closesAt, Instant reopenedAt,
                Instant now) {
            writes.saveWeek(c, p, e, closesAt, reopenedAt, now);
            ClientWeek key = new ClientWeek(c, p, e.weekStart());
            WeekRow before = weekRows.get(key);
            weekRows.put(key, new WeekRow(c, p, e.weekStart(), e.track(), e.attendedMinutes(),
                    e.scheduledRemainingMinutes(), e.minimumMinutes(), e.status(), e.partial(), e.qualifyingDays(),
                    e.closed(), closesAt, reopenedAt != null ? reopenedAt : before == null ? null
                            : before.reopenedAt(), now));
        }

        @Override
        public void announce(String c, String p, LocalDate w, ComplianceStatus status,
                WeeklyComplianceChanged announcement) {
            ClientWeek key = new ClientWeek(c, p, w);
            writes.announce(key, status, announcement);
            announcements.put(key, status);
            loaded.add(key);
        }
    }

    // ---- set-based writes

    /** A batch's fact writes, folded and sent one statement per table. */
    FactWrites factWrites() {
        return new FactWrites(jdbc);
    }

    /** A chunk's week rows, announcement marks and announcements, sent one statement per table. */
    WeekWrites weekWrites(OutboxWriter outbox) {
        return new WeekWrites(jdbc, outbox);
    }

    /** Where a booking is filed, and the attendance revision the projection holds for it (0: none). */
    record HeldBooking(LocalDate weekStart, int revision) {
    }

    private static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> p = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return p;
    }

    // ---- mapping

    record ClientWeek(String clientId, String programId, LocalDate weekStart) {
    }

    record SessionRow(String bookingId, String sessionId, String clientId, String programId, String sessionType,
            String block, Instant startsAt, Instant endsAt, String timeZone, LocalDate weekStart, boolean cancelled) {
    }

    /** A stored week as the read side shows it. */
    public record WeekRow(String clientId, String programId, LocalDate weekStart, Track track, int attendedMinutes,
            int scheduledRemainingMinutes, Integer minimumMinutes, ComplianceStatus status, boolean partial,
            int qualifyingDays, boolean closed, Instant closesAt, Instant reopenedAt, Instant evaluatedAt) {
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static SessionFact fact(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("missed_reason");
        return new SessionFact(rs.getString("booking_id"), rs.getString("session_id"),
                SessionType.valueOf(rs.getString("session_type")), instant(rs, "starts_at"), instant(rs, "ends_at"),
                rs.getBoolean("cancelled"), Outcome.valueOf(rs.getString("outcome")), rs.getInt("revision"),
                instant(rs, "checked_in_at"), instant(rs, "checked_out_at"), rs.getInt("attended_minutes"),
                reason == null ? null : MissedReason.valueOf(reason), rs.getBoolean("automatic"));
    }

    static WeekRow weekRow(ResultSet rs, int row) throws SQLException {
        String track = rs.getString("track");
        Object minimum = rs.getObject("minimum_minutes");
        return new WeekRow(rs.getString("client_id"), rs.getString("program_id"),
                rs.getObject("week_start", LocalDate.class), track == null ? null : Track.valueOf(track),
                rs.getInt("attended_minutes"), rs.getInt("scheduled_remaining_minutes"),
                minimum == null ? null : ((Number) minimum).intValue(), ComplianceStatus.valueOf(rs.getString("status")),
                rs.getBoolean("partial"), rs.getInt("qualifying_days"), rs.getBoolean("closed"),
                instant(rs, "closes_at"), instant(rs, "reopened_at"), instant(rs, "evaluated_at"));
    }
}
