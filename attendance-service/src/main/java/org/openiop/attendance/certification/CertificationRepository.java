package org.openiop.attendance.certification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The certification tables ({@code certification}, {@code certification_current}, {@code certification_due_notice}):
 * SQL and row mapping only; {@link CertificationService} decides when each runs.
 */
@Repository
class CertificationRepository {

    /**
     * Current certifications of clients still enrolled, due by {@code :horizon} (a bound no program's "today" plus the
     * window can pass), by the partial indexes {@code WHERE NOT discharged}: a discharged client's last certification
     * stays overdue for ever, so reading and dropping those would grow with every client ever discharged.
     */
    private static String due(boolean ofProgram) {
        return "SELECT * FROM certification_current WHERE NOT discharged AND due_date <= :horizon"
                + (ofProgram ? " AND program_id = :program" : "") + " ORDER BY due_date, client_id";
    }

    private final JdbcClient jdbc;

    CertificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String clientId, CertificationRequest request, LocalDate due, String recordedBy) {
        jdbc.sql("""
                INSERT INTO certification (certification_id, client_id, program_id, certified_on, certified_by,
                    period_start, period_end, due_date, recorded_by)
                VALUES (:id, :client, :program, :on, :by, :start, :end, :due, :recordedBy)""")
                .param("id", id).param("client", clientId).param("program", request.programId())
                .param("on", request.certifiedOn()).param("by", request.certifyingClinicianId())
                .param("start", request.periodStart()).param("end", request.periodEnd()).param("due", due)
                .param("recordedBy", recordedBy).update();
    }

    /** The latest certification becomes the current one; a late-recorded older one does not. */
    void makeCurrent(String id, boolean discharged) {
        jdbc.sql("""
                INSERT INTO certification_current (client_id, program_id, certification_id, certified_on,
                    certified_by, period_start, period_end, due_date, recorded_by, recorded_at, discharged)
                SELECT client_id, program_id, certification_id, certified_on, certified_by, period_start, period_end,
                       due_date, recorded_by, recorded_at, :discharged
                FROM certification WHERE certification_id = :id
                ON CONFLICT (client_id, program_id) DO UPDATE SET certification_id = excluded.certification_id,
                    certified_on = excluded.certified_on, certified_by = excluded.certified_by,
                    period_start = excluded.period_start, period_end = excluded.period_end,
                    due_date = excluded.due_date, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at, discharged = excluded.discharged
                WHERE (excluded.certified_on, excluded.recorded_at)
                      > (certification_current.certified_on, certification_current.recorded_at)""")
                .param("id", id).param("discharged", discharged).update();
    }

    /**
     * Sets the {@code discharged} flag of the current certifications of the given client-program pairs ({@code
     * clientId + '|' + programId}): true for those in {@code discharged}, false for the others.
     */
    void markDischarged(Collection<String> clientPrograms, Set<String> discharged) {
        List<String[]> pairs = clientPrograms.stream().map(k -> k.split("\\|", 2)).toList();
        jdbc.sql("""
                UPDATE certification_current c SET discharged = u.d
                FROM unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:d AS boolean[])) AS u(c, p, d)
                WHERE c.client_id = u.c AND c.program_id = u.p AND c.discharged <> u.d""")
                .param("c", pairs.stream().map(k -> k[0]).toArray(String[]::new))
                .param("p", pairs.stream().map(k -> k.length > 1 ? k[1] : "").toArray(String[]::new))
                .param("d", clientPrograms.stream().map(discharged::contains).toArray(Boolean[]::new))
                .update();
    }

    List<Certification> ofClient(String clientId) {
        return jdbc.sql("""
                SELECT * FROM certification WHERE client_id = :client
                ORDER BY program_id, certified_on DESC, recorded_at DESC""")
                .param("client", clientId).query(CertificationRepository::row).list();
    }

    /** Current certifications of clients still enrolled (of one program, or of all when null) due by the horizon. */
    List<Certification> currentDueBy(LocalDate horizon, String programId) {
        return jdbc.sql(due(programId != null)).param("horizon", horizon)
                .params(programId == null ? Map.of() : Map.of("program", programId))
                .query(CertificationRepository::row).list();
    }

    /**
     * Notes that this certification's due date is being announced; false when it already was (the notice's primary
     * key lets exactly one transaction note each due date).
     */
    boolean noteDue(Certification c) {
        return jdbc.sql("""
                INSERT INTO certification_due_notice (client_id, program_id, due_date, certification_id)
                VALUES (:client, :program, :due, :id) ON CONFLICT DO NOTHING""")
                .param("client", c.clientId()).param("program", c.programId()).param("due", c.dueDate())
                .param("id", c.certificationId()).update() == 1;
    }

    Certification byId(String id) {
        return jdbc.sql("SELECT * FROM certification WHERE certification_id = :id").param("id", id)
                .query(CertificationRepository::row).single();
    }

    private static Certification row(ResultSet rs, int n) throws SQLException {
        return new Certification(rs.getString("certification_id"), rs.getString("client_id"),
                rs.getString("program_id"), rs.getObject("certified_on", LocalDate.class),
                rs.getString("certified_by"), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }
}
