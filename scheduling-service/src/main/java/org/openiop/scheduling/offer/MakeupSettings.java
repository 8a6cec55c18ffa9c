package org.openiop.scheduling.offer;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A program's make-up rules as an admin sets them: whether an offer goes to the client automatically when a week
 * turns AT_RISK with time left (off unless set).
 */
record MakeupSettings(UUID programId, boolean automaticOffers, String updatedBy, Instant updatedAt) {

    static MakeupSettings defaults(UUID programId) {
        return new MakeupSettings(programId, false, null, null);
    }

    @Repository
    static class Store {

        private final JdbcClient jdbc;

        Store(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        MakeupSettings get(UUID programId) {
            return jdbc.sql("SELECT program_id, automatic_offers, updated_by, updated_at FROM makeup_setting"
                    + " WHERE program_id = :p").param("p", programId)
                    .query((rs, n) -> new MakeupSettings(programId, rs.getBoolean("automatic_offers"),
                            rs.getString("updated_by"),
                            rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant()))
                    .optional().orElse(defaults(programId));
        }

        void put(UUID programId, boolean automaticOffers, String by) {
            jdbc.sql("""
                    INSERT INTO makeup_setting (program_id, automatic_offers, updated_by) VALUES (:p, :auto, :by)
                    ON CONFLICT (program_id) DO UPDATE SET automatic_offers = EXCLUDED.automatic_offers,
                        updated_by = EXCLUDED.updated_by, updated_at = now()""")
                    .param("p", programId).param("auto", automaticOffers).param("by", by).update();
        }
    }
}
