package org.openiop.notification.followup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.openiop.notification.delivery.AttendanceOutcomes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest attendance outcome of each booking (table {@code attendance_outcome}), for the send-time check. */
@Repository
class AttendanceOutcomeRepository implements AttendanceOutcomes {

    private final JdbcClient jdbc;

    AttendanceOutcomeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the newest outcome of a booking: a late, older revision does not overwrite a newer one. */
    void save(String bookingId, String outcome, int revision, Instant at) {
        jdbc.sql("""
                INSERT INTO attendance_outcome (booking_id, outcome, revision, occurred_at)
                VALUES (:booking, :outcome, :revision, :at)
                ON CONFLICT (booking_id) DO UPDATE SET outcome = excluded.outcome, revision = excluded.revision,
                    occurred_at = excluded.occurred_at
                WHERE (attendance_outcome.revision, attendance_outcome.occurred_at)
                   <= (excluded.revision, excluded.occurred_at)""")
                .param("booking", bookingId).param("outcome", outcome).param("revision", revision)
                .param("at", Timestamp.from(at)).update();
    }

    @Override
    public Map<String, String> of(Collection<String> bookingIds) {
        Map<String, String> outcomes = new HashMap<>();
        if (bookingIds.isEmpty()) {
            return outcomes;
        }
        jdbc.sql("SELECT booking_id, outcome FROM attendance_outcome WHERE booking_id = ANY(:ids)")
                .param("ids", bookingIds.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> outcomes.put(rs.getString("booking_id"), rs.getString("outcome"))).list();
        return outcomes;
    }
}
