package org.openiop.scheduling.clinician;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ClinicianRepository {

    private final JdbcClient jdbc;

    ClinicianRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Clinician> find(UUID id) {
        return jdbc.sql("SELECT * FROM clinician WHERE id = :id").param("id", id)
                .query((rs, n) -> new Clinician(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
                        rs.getString("display_name"), rs.getBoolean("active"))).optional();
    }

    /** A clinician of the program who is active, or the 404 / 422 explaining why not. */
    public Clinician activeIn(UUID programId, UUID id) {
        Clinician c = find(id).filter(x -> x.programId().equals(programId))
                .orElseThrow(() -> RuleViolation.notFound("clinicianId", "Clinician", id));
        if (!c.active()) {
            throw RuleViolation.unprocessable("clinician-inactive", "clinicianId", "Clinician " + id + " is inactive");
        }
        return c;
    }

    void save(Clinician c) {
        jdbc.sql("""
                INSERT INTO clinician (id, program_id, display_name, active) VALUES (:id, :p, :name, :active)
                ON CONFLICT (id) DO UPDATE SET display_name = :name, active = :active""")
                .param("id", c.id()).param("p", c.programId()).param("name", c.displayName())
                .param("active", c.active()).update();
    }

    List<Clinician> page(UUID programId, int limit, long offset) {
        return jdbc.sql("SELECT * FROM clinician WHERE program_id = :p ORDER BY display_name, id LIMIT :l OFFSET :o")
                .param("p", programId).param("l", limit).param("o", offset)
                .query((rs, n) -> new Clinician(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
                        rs.getString("display_name"), rs.getBoolean("active"))).list();
    }

    long count(UUID programId) {
        return jdbc.sql("SELECT count(*) FROM clinician WHERE program_id = :p").param("p", programId)
                .query(Long.class).single();
    }
}
