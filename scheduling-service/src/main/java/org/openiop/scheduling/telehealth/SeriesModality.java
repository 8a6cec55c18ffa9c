package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.openiop.events.SessionModality;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How a recurring series is held (table {@code series_modality}): a telehealth or hybrid series gives each session
 * it opens its modality and meeting link, and joins only groups held the same way.
 */
@Component
public class SeriesModality {

    private final JdbcClient jdbc;
    private final SessionRepository sessions;
    private final JoinLinks links;

    SeriesModality(JdbcClient jdbc, SessionRepository sessions, JoinLinks links) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.links = links;
    }

    /** Checks the request's modality and link (400 on {@code joinUrl}) and keeps them for the series. */
    public void set(UUID seriesId, SessionModality modality, String joinUrl) {
        SessionModality held = modality == null ? SessionModality.IN_PERSON : modality;
        URI url = JoinLinks.checkedUrl(held, joinUrl);
        if (held != SessionModality.IN_PERSON) {
            jdbc.sql("INSERT INTO series_modality (series_id, modality, join_url) VALUES (:s, :m, :u)")
                    .param("s", seriesId).param("m", held.name()).param("u", url.toString()).update();
        }
    }

    public SessionModality of(UUID seriesId) {
        return jdbc.sql("SELECT modality FROM series_modality WHERE series_id = :s").param("s", seriesId)
                .query(String.class).optional().map(SessionModality::valueOf).orElse(SessionModality.IN_PERSON);
    }

    /** A session the series has just opened is held as the series is (before any seat in it is announced). */
    public void applyTo(UUID seriesId, UUID sessionId) {
        Optional<String[]> held = jdbc.sql("SELECT modality, join_url FROM series_modality WHERE series_id = :s")
                .param("s", seriesId).query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
        if (held.isPresent()) {
            sessions.setModality(sessionId, SessionModality.valueOf(held.get()[0]));
            links.set(sessionId, URI.create(held.get()[1]));
        }
    }
}
