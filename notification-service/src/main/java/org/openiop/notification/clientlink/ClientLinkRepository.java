package org.openiop.notification.clientlink;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The issued client links (table {@code client_link}): what allows a signed link to be revoked. */
@Repository
class ClientLinkRepository {

    /** A live link of a client: its id and expiry. */
    record LiveLink(UUID linkId, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    ClientLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID linkId, String clientId, Instant issuedAt, Instant expiresAt, String issuedBy) {
        jdbc.sql("""
                INSERT INTO client_link (link_id, client_id, issued_at, expires_at, issued_by)
                VALUES (:link, :client, :now, :expires, :by)""")
                .param("link", linkId).param("client", clientId).param("now", Timestamp.from(issuedAt))
                .param("expires", Timestamp.from(expiresAt)).param("by", issuedBy).update();
    }

    /** The client's newest unrevoked link issued by {@code issuedBy} that is still valid after {@code freshUntil}. */
    Optional<LiveLink> newestLive(String clientId, String issuedBy, Instant freshUntil) {
        return jdbc.sql("""
                SELECT link_id, expires_at FROM client_link WHERE client_id = :client AND issued_by = :by
                    AND revoked_at IS NULL AND expires_at > :fresh ORDER BY expires_at DESC LIMIT 1""")
                .param("client", clientId).param("by", issuedBy).param("fresh", Timestamp.from(freshUntil))
                .query((rs, n) -> new LiveLink(rs.getObject("link_id", UUID.class),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    int revokeAll(String clientId, String revokedBy, Instant at) {
        return jdbc.sql("""
                UPDATE client_link SET revoked_at = :now, revoked_by = :by
                WHERE client_id = :client AND revoked_at IS NULL""")
                .param("now", Timestamp.from(at)).param("by", revokedBy).param("client", clientId)
                .update();
    }

    boolean live(UUID linkId, UUID clientId) {
        return jdbc.sql("""
                SELECT count(*) FROM client_link
                WHERE link_id = :link AND client_id = :client AND revoked_at IS NULL""")
                .param("link", linkId).param("client", clientId.toString()).query(Long.class).single() == 1;
    }
}
