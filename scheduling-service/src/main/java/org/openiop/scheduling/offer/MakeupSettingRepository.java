package org.openiop.scheduling.offer;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code makeup_setting}: a program's make-up rules ({@link MakeupSettings}; defaults when none is set). */
@Repository
class MakeupSettingRepository {

    private final JdbcClient jdbc;

    MakeupSettingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MakeupSettings get(UUID programId) {
        return jdbc.sql("SELECT program_id, automatic_offers, updated_by, updated_at FROM makeup_setting"
                + " WHERE program_id = :p").param("p", programId)
                .query((rs, n) -> new MakeupSettings(programId, rs.getBoolean("automatic_offers"),
                        rs.getString("updated_by"),
                        rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant()))
                .optional().orElse(MakeupSettings.defaults(programId));
    }

    void put(UUID programId, boolean automaticOffers, String by) {
        jdbc.sql("""
                INSERT INTO makeup_setting (program_id, automatic_offers, updated_by) VALUES (:p, :auto, :by)
                ON CONFLICT (program_id) DO UPDATE SET automatic_offers = EXCLUDED.automatic_offers,
                    updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .param("p", programId).param("auto", automaticOffers).param("by", by).update();
    }
}
