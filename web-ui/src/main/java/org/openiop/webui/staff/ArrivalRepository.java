package org.openiop.webui.staff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Check-ins waiting for their check-out (see V2__arrivals.sql for why the front door keeps them). */
@Repository
class ArrivalRepository {

    private final JdbcClient jdbc;

    ArrivalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the arrival; a second click keeps the first time. */
    void arrive(String bookingId, Instant at, String by) {
        jdbc.sql("""
                INSERT INTO arrival (booking_id, checked_in_at, recorded_by) VALUES (:b, :at, :by)
                ON CONFLICT ON CONSTRAINT arrival_pk DO NOTHING""")
                .param("b", bookingId).param("at", Timestamp.from(at)).param("by", by).update();
    }

    Optional<Instant> of(String bookingId) {
        return jdbc.sql("SELECT checked_in_at FROM arrival WHERE booking_id = :b").param("b", bookingId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    Map<String, Instant> of(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT booking_id, checked_in_at FROM arrival WHERE booking_id IN (:ids)")
                .param("ids", bookingIds)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getTimestamp(2).toInstant())).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Withdraws a check-in made by mistake, keeping it (who checked in, when, who undid it, when) in one statement. */
    boolean undo(String bookingId, String by) {
        return jdbc.sql("""
                WITH withdrawn AS (DELETE FROM arrival WHERE booking_id = :b RETURNING *)
                INSERT INTO arrival_undone (booking_id, checked_in_at, recorded_by, undone_by)
                SELECT booking_id, checked_in_at, recorded_by, :by FROM withdrawn""")
                .param("b", bookingId).param("by", by).update() == 1;
    }

    void forget(String bookingId) {
        jdbc.sql("DELETE FROM arrival WHERE booking_id = :b").param("b", bookingId).update();
    }
}
