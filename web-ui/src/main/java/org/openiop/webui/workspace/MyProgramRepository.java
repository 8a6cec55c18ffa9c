package org.openiop.webui.workspace;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The programs a user has chosen to work in, newest first (see V14_1__my_programs.sql). */
@Repository
class MyProgramRepository {

    /** Enough for someone covering several sites; older choices fall off the switcher. */
    static final int KEPT = 8;

    private final JdbcClient jdbc;

    MyProgramRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void choose(String username, String programId) {
        jdbc.sql("""
                INSERT INTO my_program (username, program_id, chosen_at) VALUES (:u, :p, :at)
                ON CONFLICT ON CONSTRAINT my_program_pk DO UPDATE SET chosen_at = EXCLUDED.chosen_at""")
                .param("u", username).param("p", programId).param("at", Timestamp.from(Instant.now())).update();
        jdbc.sql("""
                DELETE FROM my_program WHERE username = :u AND program_id NOT IN (
                    SELECT program_id FROM my_program WHERE username = :u ORDER BY chosen_at DESC LIMIT :kept)""")
                .param("u", username).param("kept", KEPT).update();
    }

    void forget(String username, String programId) {
        jdbc.sql("DELETE FROM my_program WHERE username = :u AND program_id = :p")
                .param("u", username).param("p", programId).update();
    }

    List<String> of(String username) {
        return jdbc.sql("SELECT program_id FROM my_program WHERE username = :u ORDER BY chosen_at DESC")
                .param("u", username).query(String.class).list();
    }
}
