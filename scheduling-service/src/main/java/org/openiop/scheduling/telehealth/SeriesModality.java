package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.util.UUID;

import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.stereotype.Component;

/**
 * How a recurring series is held ({@link SeriesModalityRepository}): a telehealth or hybrid series gives each session
 * it opens its modality and meeting link, and joins only groups held the same way.
 */
@Component
public class SeriesModality {

    private final SeriesModalityRepository series;
    private final SessionRepository sessions;
    private final JoinLinks links;

    SeriesModality(SeriesModalityRepository series, SessionRepository sessions, JoinLinks links) {
        this.series = series;
        this.sessions = sessions;
        this.links = links;
    }

    /** Checks the request's modality and link (400 on {@code joinUrl}) and keeps them for the series. */
    public void set(UUID seriesId, Modality modality, String joinUrl) {
        Modality held = modality == null ? Modality.IN_PERSON : modality;
        URI url = JoinLinks.checkedUrl(held, joinUrl);
        if (held != Modality.IN_PERSON) {
            series.insert(seriesId, held, url);
        }
    }

    public Modality of(UUID seriesId) {
        return series.modality(seriesId).orElse(Modality.IN_PERSON);
    }

    /** A session the series has just opened is held as the series is (before any seat in it is announced). */
    public void applyTo(UUID seriesId, UUID sessionId) {
        series.find(seriesId).ifPresent(held -> {
            sessions.setModality(sessionId, held.modality());
            links.set(sessionId, held.joinUrl());
        });
    }
}
