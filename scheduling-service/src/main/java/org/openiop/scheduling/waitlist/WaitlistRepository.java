package org.openiop.scheduling.waitlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Queue rows and their history; seat counting and the rules are PostgreSQL's (V15_1__waitlist.sql). */
@Repository
class WaitlistRepository {

    private static final String ENTRY = """
            SELECT e.id, e.session_id, e.client_id, s.program_id, e.position, e.status, e.held_until, e.booking_id,
                   e.created_at
            FROM waitlist_entry e JOIN session_published s ON s.id = e.session_id
            """;

    /** What filling a session's free seats needs, read under the session's row lock. */
    record SessionSeats(UUID id, UUID programId, String status, int capacity, int taken, Instant startsAt,
            boolean closed) {
        int free() {
            return capacity - taken;
        }
    }

    record HistoryRow(String status, Instant heldUntil, String actor, Instant at) {
    }

    private final JdbcClient jdbc;

    WaitlistRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID sessionId, UUID clientId) {
        jdbc.sql("INSERT INTO waitlist_entry (id, session_id, client_id) VALUES (:id, :s, :c)")
                .param("id", id).param("s", sessionId).param("c", clientId).update();
    }

    Optional<WaitlistEntry> find(UUID id) {
        return jdbc.sql(ENTRY + " WHERE e.id = :id").param("id", id).query(WaitlistRepository::map).optional();
    }

    Optional<WaitlistEntry> lock(UUID id) {
        return jdbc.sql(ENTRY + " WHERE e.id = :id FOR NO KEY UPDATE OF e").param("id", id)
                .query(WaitlistRepository::map).optional();
    }

    /** The whole queue of a session, open entries first in queue order, then the closed ones. */
    List<WaitlistEntry> ofSession(UUID sessionId) {
        return jdbc.sql(ENTRY + """
                 WHERE e.session_id = :s
                 ORDER BY e.status IN ('WAITING','HELD') DESC, e.position""")
                .param("s", sessionId).query(WaitlistRepository::map).list();
    }

    List<WaitlistEntry> openForClient(UUID clientId) {
        return jdbc.sql(ENTRY + " WHERE e.client_id = :c AND e.status IN ('WAITING','HELD') ORDER BY e.position")
                .param("c", clientId).query(WaitlistRepository::map).list();
    }

    SessionSeats lockSession(UUID sessionId) {
        return jdbc.sql("""
                SELECT s.id, s.program_id, s.status, s.capacity, s.booked_count, lower(s.period) AS starts_at,
                       EXISTS (SELECT 1 FROM closure_published c WHERE c.program_id = s.program_id
                               AND s.local_date BETWEEN c.first_day AND c.last_day) AS closed
                FROM session_published s WHERE s.id = :s FOR NO KEY UPDATE""")
                .param("s", sessionId)
                .query((rs, n) -> new SessionSeats(rs.getObject("id", UUID.class),
                        rs.getObject("program_id", UUID.class), rs.getString("status"), rs.getInt("capacity"),
                        rs.getInt("booked_count"), rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("closed")))
                .single();
    }

    /**
     * The first waiting client who can take the seat now: still enrolled and active, and without a booked seat that
     * overlaps the session. Others keep their place; they may become eligible later.
     */
    Optional<WaitlistEntry> nextEligible(UUID sessionId) {
        return jdbc.sql(ENTRY + """
                 JOIN enrolment_published n ON n.client_id = e.client_id
                 WHERE e.session_id = :s AND e.status = 'WAITING' AND n.status = 'ACTIVE'
                   AND NOT EXISTS (SELECT 1 FROM booking_published b WHERE b.client_id = e.client_id AND b.status = 'BOOKED'
                                   AND b.period && s.period)
                 ORDER BY e.position LIMIT 1""")
                .param("s", sessionId).query(WaitlistRepository::map).optional();
    }

    /** Holds whose time is up (or whose session has started), claimed so two instances never sweep the same one. */
    List<WaitlistEntry> claimExpiredHolds(Instant now, int limit) {
        return jdbc.sql(ENTRY + """
                 WHERE e.status = 'HELD' AND (e.held_until <= :now OR lower(s.period) <= :now)
                 ORDER BY e.held_until LIMIT :limit FOR NO KEY UPDATE OF e SKIP LOCKED""")
                .param("now", utc(now)).param("limit", limit).query(WaitlistRepository::map).list();
    }

    void transition(UUID id, String status, Instant heldUntil, String actor) {
        jdbc.sql("UPDATE waitlist_entry SET status = :st, held_until = :until, updated_at = now() WHERE id = :id")
                .param("id", id).param("st", status).param("until", heldUntil == null ? null : utc(heldUntil))
                .update();
        record(id, status, heldUntil, actor);
    }

    /** Links the booking made from an accepted hold (the hold was released to BOOKED just before it). */
    void linkBooking(UUID id, UUID bookingId) {
        jdbc.sql("UPDATE waitlist_entry SET booking_id = :b WHERE id = :id").param("id", id).param("b", bookingId)
                .update();
    }

    /** Links an entry made for a series to it (V41_1); the entry is otherwise an ordinary one. */
    void linkSeries(UUID id, UUID seriesId) {
        jdbc.sql("UPDATE waitlist_entry SET series_id = :series WHERE id = :id").param("id", id)
                .param("series", seriesId).update();
    }

    /** The series an entry was made for, if any: its accepted hold becomes a seat of that series. */
    UUID seriesOf(UUID id) {
        return jdbc.sql("SELECT series_id FROM waitlist_entry WHERE id = :id").param("id", id).query(UUID.class)
                .optional().orElse(null);
    }

    /** Open entries of a series on sessions from a local day on, locked, in time order. */
    List<WaitlistEntry> openOfSeriesFrom(UUID seriesId, java.time.LocalDate from) {
        return jdbc.sql(ENTRY + """
                 WHERE e.series_id = :series AND e.status IN ('WAITING','HELD') AND s.local_date >= :from
                 ORDER BY lower(s.period), e.position FOR NO KEY UPDATE OF e""")
                .param("series", seriesId).param("from", from).query(WaitlistRepository::map).list();
    }

    java.time.LocalDate dayOf(UUID sessionId) {
        return jdbc.sql("SELECT local_date FROM session_published WHERE id = :s").param("s", sessionId)
                .query(java.time.LocalDate.class).single();
    }

    List<SeriesWaitlist.SeriesEntry> ofSeries(UUID seriesId) {
        return jdbc.sql("""
                SELECT e.id, e.session_id, lower(s.period) AS starts_at, e.status, e.held_until, e.booking_id,
                       CASE WHEN e.status IN ('WAITING','HELD') THEN
                           (SELECT count(*) FROM waitlist_entry q WHERE q.session_id = e.session_id
                            AND q.status IN ('WAITING','HELD') AND q.position <= e.position) END AS place
                FROM waitlist_entry e JOIN session_published s ON s.id = e.session_id
                WHERE e.series_id = :series ORDER BY lower(s.period), e.position""")
                .param("series", seriesId)
                .query((rs, n) -> new SeriesWaitlist.SeriesEntry(rs.getObject("id", UUID.class),
                        rs.getObject("session_id", UUID.class), instant(rs, "starts_at"),
                        rs.getObject("place") == null ? null : rs.getInt("place"), rs.getString("status"),
                        instant(rs, "held_until"), rs.getObject("booking_id", UUID.class)))
                .list();
    }

    void record(UUID id, String status, Instant heldUntil, String actor) {
        jdbc.sql("INSERT INTO waitlist_history (entry_id, status, held_until, actor) VALUES (:id, :st, :until, :a)")
                .param("id", id).param("st", status).param("until", heldUntil == null ? null : utc(heldUntil))
                .param("a", actor).update();
    }

    List<HistoryRow> history(UUID entryId) {
        return jdbc.sql("SELECT status, held_until, actor, at FROM waitlist_history WHERE entry_id = :id ORDER BY id")
                .param("id", entryId)
                .query((rs, n) -> new HistoryRow(rs.getString("status"), instant(rs, "held_until"),
                        rs.getString("actor"), instant(rs, "at")))
                .list();
    }

    private static WaitlistEntry map(ResultSet rs, int n) throws SQLException {
        return new WaitlistEntry(rs.getObject("id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getObject("client_id", UUID.class), rs.getObject("program_id", UUID.class),
                rs.getLong("position"), rs.getString("status"), instant(rs, "held_until"),
                rs.getObject("booking_id", UUID.class), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
