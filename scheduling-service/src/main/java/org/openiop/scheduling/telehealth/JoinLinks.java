package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.SessionModality;
import org.openiop.scheduling.session.SessionJoinLinks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The meeting link of a telehealth or hybrid session. Held here only (table {@code session_join_link}): never in an
 * event, a log line or the session view. Clients reach it through their join code ({@link JoinController}).
 */
@Component
public class JoinLinks implements SessionJoinLinks {

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JoinLinks(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A video session needs an absolute https link; an in-person one must not have one (400 on {@code joinUrl}). */
    public static URI checkedUrl(SessionModality modality, String joinUrl) {
        boolean blank = joinUrl == null || joinUrl.isBlank();
        if (modality == SessionModality.IN_PERSON) {
            if (!blank) {
                throw RuleViolation.invalid("joinUrl", "an in-person session has no join link; set modality "
                        + "TELEHEALTH or HYBRID");
            }
            return null;
        }
        if (blank) {
            throw RuleViolation.invalid("joinUrl", "a " + modality + " session needs the meeting's join link");
        }
        try {
            URI uri = new URI(joinUrl.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw RuleViolation.invalid("joinUrl", "joinUrl must be an absolute https link");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw RuleViolation.invalid("joinUrl", "joinUrl is not a valid link");
        }
    }

    @Override
    public URI checked(SessionModality modality, String joinUrl) {
        return checkedUrl(modality, joinUrl);
    }

    @Override
    public void set(UUID sessionId, URI url) {
        String by = SecurityContextHolder.getContext().getAuthentication() == null ? "system"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        jdbc.sql("""
                INSERT INTO session_join_link (session_id, url, set_by) VALUES (:s, :url, :by)
                ON CONFLICT (session_id) DO UPDATE SET url = excluded.url, set_at = now(), set_by = excluded.set_by""")
                .param("s", sessionId).param("url", url.toString()).param("by", by).update();
        audit.record("CHANGE", "session-join-link", null, "session " + sessionId);
    }

    /** The session is held in person again: its link is gone (audited like a change). */
    public void remove(UUID sessionId) {
        if (jdbc.sql("DELETE FROM session_join_link WHERE session_id = :s").param("s", sessionId).update() > 0) {
            audit.record("CHANGE", "session-join-link", null, "session " + sessionId + " link removed");
        }
    }

    public Optional<URI> find(UUID sessionId) {
        return jdbc.sql("SELECT url FROM session_join_link WHERE session_id = :s").param("s", sessionId)
                .query(String.class).optional().map(URI::create);
    }
}
