package org.openiop.scheduling.enrolment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.Track;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class EnrolmentRepository {

    private final JdbcClient jdbc;

    EnrolmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Enrolment> find(UUID clientId) {
        return jdbc.sql("SELECT * FROM enrolment WHERE client_id = :id").param("id", clientId)
                .query(EnrolmentRepository::map).optional();
    }

    public Enrolment get(UUID clientId, String field) {
        return find(clientId).orElseThrow(() -> RuleViolation.notFound(field, "Client", clientId));
    }

    /** Shares the program's row lock first (the order every scheduling write follows), then locks the enrolment row: bookings share it in their trigger, so a discharge and a new booking serialize. */
    Enrolment lock(UUID clientId) {
        jdbc.sql("SELECT 1 FROM program_published p JOIN enrolment e ON e.program_id = p.id WHERE e.client_id = :id FOR SHARE OF p")
                .param("id", clientId).query(Integer.class).optional();
        return jdbc.sql("SELECT * FROM enrolment WHERE client_id = :id FOR NO KEY UPDATE").param("id", clientId)
                .query(EnrolmentRepository::map).optional()
                .orElseThrow(() -> RuleViolation.notFound("clientId", "Client", clientId));
    }

    List<Enrolment> page(UUID programId, EnrolmentStatus status, int limit, long offset) {
        return jdbc.sql("""
                SELECT * FROM enrolment WHERE program_id = :p AND (CAST(:s AS text) IS NULL OR status = :s)
                ORDER BY display_name, client_id LIMIT :limit OFFSET :offset""")
                .param("p", programId).param("s", status == null ? null : status.name())
                .param("limit", limit).param("offset", offset).query(EnrolmentRepository::map).list();
    }

    long count(UUID programId, EnrolmentStatus status) {
        return jdbc.sql("SELECT count(*) FROM enrolment WHERE program_id = :p AND (CAST(:s AS text) IS NULL OR status = :s)")
                .param("p", programId).param("s", status == null ? null : status.name()).query(Long.class).single();
    }

    void insert(Enrolment e) {
        jdbc.sql("""
                INSERT INTO enrolment (client_id, program_id, display_name, date_of_birth, track, admission_date,
                    planned_discharge_date, status, phase_sessions_per_week, phase_step_down, phase_since)
                VALUES (:c, :p, :name, :dob, :track, :admission, :planned, 'ACTIVE', :sessions, :stepDown, :since)""")
                .param("c", e.clientId()).param("p", e.programId()).param("name", e.displayName())
                .param("dob", e.dateOfBirth()).param("track", e.track().name()).param("admission", e.admissionDate())
                .param("planned", e.plannedDischargeDate()).param("sessions", e.phaseSessionsPerWeek())
                .param("stepDown", e.phaseStepDown()).param("since", e.phaseSince()).update();
    }

    void update(Enrolment e) {
        jdbc.sql("""
                UPDATE enrolment SET display_name = :name, date_of_birth = :dob, track = :track,
                    admission_date = :admission, planned_discharge_date = :planned, discharge_date = :discharge,
                    status = :status, phase_sessions_per_week = :sessions, phase_step_down = :stepDown,
                    phase_since = :since, updated_at = now()
                WHERE client_id = :c""")
                .param("c", e.clientId()).param("name", e.displayName()).param("dob", e.dateOfBirth())
                .param("track", e.track().name()).param("admission", e.admissionDate())
                .param("planned", e.plannedDischargeDate()).param("discharge", e.dischargeDate())
                .param("status", e.status().name()).param("sessions", e.phaseSessionsPerWeek())
                .param("stepDown", e.phaseStepDown()).param("since", e.phaseSince()).update();
    }

    /** Booked sessions of the client on local days outside [first, last]. */
    long bookingsOutside(UUID clientId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT count(*) FROM booking_published b JOIN session_published s ON s.id = b.session_id
                WHERE b.client_id = :c AND b.status = 'BOOKED'
                  AND (s.local_date < :first OR s.local_date > COALESCE(CAST(:last AS date), 'infinity'::date))""")
                .param("c", clientId).param("first", first).param("last", last).query(Long.class).single();
    }

    private static Enrolment map(ResultSet rs, int n) throws SQLException {
        return new Enrolment(rs.getObject("client_id", UUID.class), rs.getObject("program_id", UUID.class),
                rs.getString("display_name"), rs.getObject("date_of_birth", LocalDate.class),
                Track.valueOf(rs.getString("track")), rs.getObject("admission_date", LocalDate.class),
                rs.getObject("planned_discharge_date", LocalDate.class),
                rs.getObject("discharge_date", LocalDate.class), EnrolmentStatus.valueOf(rs.getString("status")),
                rs.getInt("phase_sessions_per_week"), rs.getBoolean("phase_step_down"),
                rs.getObject("phase_since", LocalDate.class));
    }
}
