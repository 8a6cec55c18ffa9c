package org.openiop.scheduling.telehealth;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

import org.openiop.scheduling.session.Modality;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code series_modality}: how a telehealth or hybrid series is held, with its meeting link. */
@Repository
class SeriesModalityRepository {

    /** A series' modality and the meeting link its sessions get. */
    record Held(Modality modality, URI joinUrl) {
    }

    private final JdbcClient jdbc;

    SeriesModalityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID seriesId, Modality modality, URI joinUrl) {
        jdbc.sql("INSERT INTO series_modality (series_id, modality, join_url) VALUES (:s, :m, :u)")
                .param("s", seriesId).param("m", modality.name()).param("u", joinUrl.toString()).update();
    }

    Optional<Modality> modality(UUID seriesId) {
        return jdbc.sql("SELECT modality FROM series_modality WHERE series_id = :s").param("s", seriesId)
                .query(String.class).optional().map(Modality::valueOf);
    }

    Optional<Held> find(UUID seriesId) {
        return jdbc.sql("SELECT modality, join_url FROM series_modality WHERE series_id = :s").param("s", seriesId)
                .query((rs, n) -> new Held(Modality.valueOf(rs.getString(1)), URI.create(rs.getString(2))))
                .optional();
    }
}
