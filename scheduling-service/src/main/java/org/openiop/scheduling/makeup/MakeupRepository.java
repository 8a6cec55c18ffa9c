package org.openiop.scheduling.makeup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the sessions a client could still take in a week; the same conditions the booking trigger checks. */
@Repository
class MakeupRepository {

    private final JdbcClient jdbc;

    MakeupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sessions of the programs (the client's and its siblings) starting after {@code now} and inside [weekStart, weekEnd), scheduled, with a seat neither
     * booked nor held, on a day the program is open and the client enrolled, and not overlapping any seat the client
     * holds. Minutes count only the part inside the week.
     */
    List<Candidate> candidates(List<UUID> programIds, UUID clientId, Instant now, Instant weekStart, Instant weekEnd,
            LocalDate admission, LocalDate plannedDischarge, int limit) {
        return jdbc.sql("""
                SELECT s.id, s.program_id, s.session_type, s.local_date, s.block, lower(s.period) AS starts_at,
                       upper(s.period) AS ends_at, s.capacity - s.booked_count AS free_seats,
                       floor(extract(epoch FROM (least(upper(s.period), :weekEnd) - lower(s.period))) / 60) AS minutes
                FROM session_published s
                WHERE s.program_id IN (:programs) AND s.status = 'SCHEDULED' AND s.booked_count < s.capacity
                  AND lower(s.period) > :now AND lower(s.period) >= :weekStart AND lower(s.period) < :weekEnd
                  AND s.local_date >= :admission AND (CAST(:discharge AS date) IS NULL OR s.local_date <= :discharge)
                  AND NOT EXISTS (SELECT 1 FROM closure_published c WHERE c.program_id = s.program_id
                                  AND s.local_date BETWEEN c.first_day AND c.last_day)
                  AND NOT EXISTS (SELECT 1 FROM booking_published b WHERE b.client_id = :c AND b.status = 'BOOKED'
                                  AND b.period && s.period)
                  AND NOT EXISTS (SELECT 1 FROM waitlist_entry_published w WHERE w.client_id = :c AND w.session_id = s.id
                                  AND w.status = 'HELD')
                ORDER BY lower(s.period), s.id LIMIT :limit""")
                .param("programs", programIds).param("c", clientId).param("now", utc(now))
                .param("weekStart", utc(weekStart)).param("weekEnd", utc(weekEnd)).param("admission", admission)
                .param("discharge", plannedDischarge).param("limit", limit)
                .query((rs, n) -> new Candidate(rs.getObject("id", UUID.class), rs.getString("session_type"),
                        rs.getObject("local_date", LocalDate.class), rs.getString("block"),
                        rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getInt("free_seats"),
                        rs.getLong("minutes"), rs.getObject("program_id", UUID.class), null))
                .list();
    }

    /** Real minutes of the client's booked seats that start after {@code now} inside the week. */
    long bookedAhead(UUID clientId, Instant now, Instant weekStart, Instant weekEnd) {
        return jdbc.sql("""
                SELECT coalesce(sum(floor(extract(epoch FROM (least(upper(period), :weekEnd) - lower(period))) / 60)), 0)
                FROM booking_published WHERE client_id = :c AND status = 'BOOKED'
                  AND lower(period) > :now AND lower(period) >= :weekStart AND lower(period) < :weekEnd""")
                .param("c", clientId).param("now", utc(now)).param("weekStart", utc(weekStart))
                .param("weekEnd", utc(weekEnd)).query(Long.class).single();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
