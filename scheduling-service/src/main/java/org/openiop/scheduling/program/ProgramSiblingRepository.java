package org.openiop.scheduling.program;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The programs a program's clients may also attend (V41_2__sibling_programs.sql). */
@Repository
class ProgramSiblingRepository {

    private final JdbcClient jdbc;

    ProgramSiblingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Sibling ids by name, then id. */
    List<UUID> of(UUID programId) {
        return jdbc.sql("""
                SELECT ps.sibling_id FROM program_sibling ps JOIN program p ON p.id = ps.sibling_id
                WHERE ps.program_id = :p ORDER BY p.name, p.id""")
                .param("p", programId).query(UUID.class).list();
    }

    /** Serialises two admins replacing the same list (a booking's key-share lock on a row still makes a delete wait). */
    void lock(UUID programId) {
        jdbc.sql("SELECT id FROM program WHERE id = :p FOR NO KEY UPDATE").param("p", programId).query(UUID.class)
                .single();
    }

    void replace(UUID programId, List<UUID> siblings, String actor) {
        jdbc.sql("DELETE FROM program_sibling WHERE program_id = :p AND NOT (sibling_id = ANY(:keep))")
                .param("p", programId).param("keep", siblings.toArray(UUID[]::new)).update();
        for (UUID sibling : siblings) {
            jdbc.sql("""
                    INSERT INTO program_sibling (program_id, sibling_id, created_by) VALUES (:p, :s, :a)
                    ON CONFLICT (program_id, sibling_id) DO NOTHING""")
                    .param("p", programId).param("s", sibling).param("a", actor).update();
        }
    }
}
