package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code session_join_link}: one meeting link per telehealth or hybrid session. */
@Repository
class JoinLinkRepository {

    private final JdbcClient jdbc;

    JoinLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void put(UUID sessionId, URI url, String by) {
        jdbc.sql("""
                INSERT INTO session_join_link (session_id, url, set_by) VALUES (:s, :url, :by)
                ON CONFLICT (session_id) DO UPDATE SET url = excluded.url, set_at = now(), set_by = excluded.set_by""")
                .param("s", sessionId).param("url", url.toString()).param("by", by).update();
    }

    /** Whether there was a link to remove. */
    boolean delete(UUID sessionId) {
        return jdbc.sql("DELETE FROM session_join_link WHERE session_id = :s").param("s", sessionId).update() > 0;
    }

    Optional<URI> find(UUID sessionId) {
        return jdbc.sql("SELECT url FROM session_join_link WHERE session_id = :s").param("s", sessionId)
                .query(String.class).optional().map(URI::create);
    }
}
