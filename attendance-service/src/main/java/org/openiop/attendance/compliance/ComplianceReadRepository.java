package org.openiop.attendance.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openiop.attendance.compliance.ComplianceRepository.ClientWeek;
import org.openiop.attendance.compliance.ComplianceRepository.WeekRow;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.SessionFact;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries behind compliance's read side ({@link ComplianceReader}, the read API of the other feature packages,
 * and {@link StreamAdmission}): SQL and row mapping only, over the tables the projection writes through {@link
 * ComplianceRepository}. Nothing here audits; the callers do.
 */
@Repository
class ComplianceReadRepository {

    private final JdbcClient jdbc;

    ComplianceReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every client enrolled during the week (with a track), and any with a stored row for it, sorted. */
    List<String> clientsOfWeek(String programId, LocalDate weekStart) {
        return jdbc.sql("""
                SELECT client_id FROM compliance_enrolment WHERE program_id = :p AND track IS NOT NULL
                  AND admission_date <= :last AND (discharge_date IS NULL OR discharge_date >= :first)
                UNION SELECT client_id FROM compliance_week WHERE program_id = :p AND week_start = :first
                ORDER BY 1""")
                .param("p", programId).param("first", weekStart).param("last", weekStart.plusDays(6))
                .query(String.class).list();
    }

    /** The program's stored client-weeks starting within [from, to]: a whole trend window in one query. */
    List<WeekRow> weeksOfProgram(String programId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT * FROM compliance_week WHERE program_id = :p AND week_start BETWEEN :from AND :to""")
                .param("p", programId).param("from", from).param("to", to)
                .query(ComplianceRepository::weekRow).list();
    }

    /** The program's distinct client-weeks starting within [from, to], by week, then client. */
    List<ClientWeek> clientWeeksOfProgram(String programId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                SELECT DISTINCT client_id, week_start FROM compliance_week WHERE program_id = :p
                  AND week_start BETWEEN :from AND :to ORDER BY week_start, client_id""")
                .param("p", programId).param("from", from).param("to", to)
                .query((rs, n) -> new ClientWeek(rs.getString(1), programId, rs.getObject(2, LocalDate.class)))
                .list();
    }

    /**
     * The program's enrolments during the week, by client, each with the phase it had when the week ended (as
     * {@link ComplianceRepository#enrolment}).
     */
    Map<String, Enrolment> enrolmentsOfWeek(String programId, LocalDate weekStart, Instant weekEnds) {
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

    /** The programs a client has sessions or an enrolment in, sorted. */
    List<String> programsOfClient(String clientId) {
        return jdbc.sql("""
                SELECT program_id FROM compliance_session WHERE client_id = :c
                UNION SELECT program_id FROM compliance_enrolment WHERE client_id = :c ORDER BY 1""")
                .param("c", clientId).query(String.class).list();
    }

    /** Whether the enrolment events reported this client in this program (whatever its state now). */
    boolean everEnrolled(String clientId, String programId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM compliance_enrolment WHERE client_id = :c AND program_id = :p)")
                .param("c", clientId).param("p", programId).query(Boolean.class).single();
    }

    /**
     * Whether the program is known: from its settings, or from an enrolment whose program event has not arrived yet
     * (the topics are not ordered with each other).
     */
    boolean programKnown(String programId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM compliance_program WHERE program_id = :p)
                    OR EXISTS (SELECT 1 FROM compliance_enrolment WHERE program_id = :p)""")
                .param("p", programId).query(Boolean.class).single();
    }

    /** Of the given client-program pairs ({@code clientId + '|' + programId}, not empty), those discharged. */
    Set<String> discharged(Collection<String> clientPrograms) {
        // The pairs as two arrays joined on the primary key (a concatenated key could only be matched by reading
        // every enrolment).
        List<String[]> pairs = clientPrograms.stream().map(k -> k.split("\\|", 2)).toList();
        return new HashSet<>(jdbc.sql("""
                SELECT e.client_id || '|' || e.program_id FROM compliance_enrolment e
                JOIN unnest(CAST(:c AS text[]), CAST(:p AS text[])) AS k(c, p)
                  ON e.client_id = k.c AND e.program_id = k.p
                WHERE e.status = 'DISCHARGED'""")
                .param("c", pairs.stream().map(k -> k[0]).toArray(String[]::new))
                .param("p", pairs.stream().map(k -> k.length > 1 ? k[1] : "").toArray(String[]::new))
                .query(String.class).list());
    }

    /** The configured time zone of each of the given programs (not empty) that has one. */
    Map<String, ZoneId> configuredZones(Collection<String> programIds) {
        Map<String, ZoneId> zones = new HashMap<>();
        jdbc.sql("SELECT program_id, time_zone FROM compliance_program WHERE program_id = ANY(:ids)")
                .param("ids", programIds.toArray(String[]::new))
                .query((rs, n) -> zones.put(rs.getString(1), ZoneId.of(rs.getString(2)))).list();
        return zones;
    }

    /** A client's session facts in a program, of the weeks starting from {@code firstWeek} to {@code lastWeek}. */
    List<SessionFact> sessionFacts(String clientId, String programId, LocalDate firstWeek, LocalDate lastWeek) {
        return jdbc.sql("""
                SELECT * FROM compliance_session WHERE client_id = :c AND program_id = :p
                  AND week_start BETWEEN :first AND :last""")
                .param("c", clientId).param("p", programId).param("first", firstWeek).param("last", lastWeek)
                .query(ComplianceRepository::fact).list();
    }

    /** A client's stored weeks in a program up to {@code lastWeek}, oldest first. */
    List<WeekRow> weeksUpTo(String clientId, String programId, LocalDate lastWeek) {
        return jdbc.sql("""
                SELECT * FROM compliance_week WHERE client_id = :c AND program_id = :p AND week_start <= :last
                ORDER BY week_start""")
                .param("c", clientId).param("p", programId).param("last", lastWeek)
                .query(ComplianceRepository::weekRow).list();
    }
}
