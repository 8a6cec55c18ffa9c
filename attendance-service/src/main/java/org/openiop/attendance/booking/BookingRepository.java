package org.openiop.attendance.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.openiop.attendance.AttendanceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The bookings table: what the session stream told us, plus when each booking's automatic no-show is due. */
@Repository
public class BookingRepository {

    private final JdbcClient jdbc;
    private final Duration defaultGrace;

    BookingRepository(JdbcClient jdbc, AttendanceProperties properties) {
        this.jdbc = jdbc;
        this.defaultGrace = properties.noShow().defaultGrace();
    }

    /**
     * Scheduled or moved: the latest times win; a booking first seen as cancelled stays cancelled, one seen as a late
     * entry stays one. A late entry's automatic no-show is due the program's grace after it was entered (not after a
     * session that ended days ago), so staff have the same time to record it as for a live session. One statement for
     * all of them (one row per booking: the caller folds a booking's events first).
     */
    void upsert(Collection<Booking> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Booking> b = List.copyOf(rows);
        jdbc.sql("""
                INSERT INTO booking (booking_id, session_id, client_id, program_id, session_type, block, starts_at,
                                     ends_at, time_zone, cancelled, late_entered_by, late_entered_at,
                                     session_entered_late, no_show_due_at)
                SELECT u.id, u.session, u.client, u.program, u.type, u.block, u.starts, u.ends, u.zone, u.cancelled,
                       u.late_by, u.late_at, u.session_late,
                       greatest(u.ends, u.late_at) + make_interval(mins => coalesce(p.no_show_grace_minutes,
                                                                                    :defaultGrace))
                FROM unnest(CAST(:id AS text[]), CAST(:session AS text[]), CAST(:client AS text[]),
                            CAST(:program AS text[]), CAST(:type AS text[]), CAST(:block AS text[]),
                            CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[]), CAST(:zone AS text[]),
                            CAST(:cancelled AS boolean[]), CAST(:lateBy AS text[]), CAST(:lateAt AS timestamptz[]),
                            CAST(:sessionLate AS boolean[]))
                     AS u(id, session, client, program, type, block, starts, ends, zone, cancelled, late_by, late_at,
                          session_late)
                LEFT JOIN booking_program p ON p.program_id = u.program
                ON CONFLICT (booking_id) DO UPDATE SET session_id = excluded.session_id,
                    session_type = excluded.session_type, block = excluded.block, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at, time_zone = excluded.time_zone,
                    cancelled = booking.cancelled OR excluded.cancelled,
                    late_entered_by = coalesce(booking.late_entered_by, excluded.late_entered_by),
                    late_entered_at = coalesce(booking.late_entered_at, excluded.late_entered_at),
                    session_entered_late = booking.session_entered_late OR excluded.session_entered_late,
                    no_show_due_at = greatest(excluded.ends_at, coalesce(booking.late_entered_at,
                        excluded.late_entered_at)) + (excluded.no_show_due_at
                        - greatest(excluded.ends_at, excluded.late_entered_at))""")
                .param("id", array(b, Booking::bookingId)).param("session", array(b, Booking::sessionId))
                .param("client", array(b, Booking::clientId)).param("program", array(b, Booking::programId))
                .param("type", array(b, x -> x.sessionType().name())).param("block", array(b, x -> x.block().name()))
                .param("starts", array(b, Booking::startsAt)).param("ends", array(b, Booking::endsAt))
                .param("zone", array(b, Booking::timeZone)).param("cancelled", array(b, Booking::cancelled))
                .param("defaultGrace", (int) defaultGrace.toMinutes())
                .param("lateBy", array(b, x -> x.lateEntry() == null ? null : x.lateEntry().enteredBy()))
                .param("lateAt", array(b, x -> x.lateEntry() == null ? null : x.lateEntry().enteredAt()))
                .param("sessionLate", array(b, x -> x.lateEntry() != null && x.lateEntry().sessionEnteredLate()))
                .update();
    }

    /** One column of the rows as a text array (instants ISO-8601, cast in the SQL); null stays null. */
    private static <T> SqlArrayValue array(List<T> rows, Function<? super T, ?> value) {
        Object[] texts = new Object[rows.size()];
        for (int i = 0; i < texts.length; i++) {
            Object v = value.apply(rows.get(i));
            texts[i] = v == null ? null : v.toString();
        }
        return new SqlArrayValue("text", texts);
    }

    /** A program's grace changed: pending no-shows of its bookings move accordingly. */
    void programGrace(String programId, int graceMinutes) {
        jdbc.sql("""
                INSERT INTO booking_program (program_id, no_show_grace_minutes) VALUES (:program, :grace)
                ON CONFLICT (program_id) DO UPDATE SET no_show_grace_minutes = excluded.no_show_grace_minutes""")
                .param("program", programId).param("grace", graceMinutes).update();
        jdbc.sql("""
                UPDATE booking SET no_show_due_at = greatest(ends_at, late_entered_at) + make_interval(mins => :grace)
                WHERE program_id = :program AND NOT recorded""")
                .param("program", programId).param("grace", graceMinutes).update();
    }

    /** The late-entry marks of those of the given bookings that were entered after their session had started. */
    public Map<String, Booking.LateEntry> lateEntries(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        record Marked(String bookingId, Booking.LateEntry entry) {
        }
        return jdbc.sql("""
                SELECT booking_id, late_entered_by, late_entered_at, session_entered_late FROM booking
                WHERE booking_id = ANY(:ids) AND late_entered_by IS NOT NULL""")
                .param("ids", bookingIds.toArray(String[]::new))
                .query((rs, n) -> new Marked(rs.getString("booking_id"), new Booking.LateEntry(
                        rs.getString("late_entered_by"), rs.getTimestamp("late_entered_at").toInstant(),
                        rs.getBoolean("session_entered_late"))))
                .list().stream().collect(Collectors.toMap(Marked::bookingId, Marked::entry));
    }

    public Optional<Booking> find(String bookingId) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id").param("id", bookingId).query(BookingRepository::map)
                .optional();
    }

    /** The booking, locked until the caller's transaction ends, so staff and the no-show sweep take turns. */
    public Optional<Booking> lock(String bookingId) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id FOR UPDATE").param("id", bookingId)
                .query(BookingRepository::map).optional();
    }

    public List<Booking> ofSession(String sessionId) {
        return jdbc.sql("SELECT * FROM booking WHERE session_id = :session ORDER BY client_id")
                .param("session", sessionId).query(BookingRepository::map).list();
    }

    /** A client's bookings in time order (FHIR). */
    public List<Booking> ofClient(String clientId) {
        return jdbc.sql("SELECT * FROM booking WHERE client_id = :c ORDER BY starts_at, booking_id")
                .param("c", clientId).query(BookingRepository::map).list();
    }

    /** The session of each of the given bookings that this service knows. */
    public Map<String, String> sessionsOf(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        record Seat(String bookingId, String sessionId) {
        }
        return jdbc.sql("SELECT booking_id, session_id FROM booking WHERE booking_id = ANY(:ids)")
                .param("ids", bookingIds.toArray(String[]::new))
                .query((rs, n) -> new Seat(rs.getString("booking_id"), rs.getString("session_id"))).list().stream()
                .collect(Collectors.toMap(Seat::bookingId, Seat::sessionId));
    }

    /** BookingRepository not cancelled whose session overlaps [early, late], in time order (telehealth's join tags). */
    public List<String> activeBetween(Instant early, Instant late) {
        return jdbc.sql("""
                SELECT booking_id FROM booking WHERE NOT cancelled
                  AND starts_at <= :late AND ends_at >= :early ORDER BY starts_at""")
                .param("late", ts(late)).param("early", ts(early)).query(String.class).list();
    }

    public void markRecorded(String bookingId) {
        jdbc.sql("UPDATE booking SET recorded = true WHERE booking_id = :id").param("id", bookingId).update();
    }

    /**
     * BookingRepository whose no-show is due and which nobody is handling right now: rows another instance (or a staff
     * entry) holds are skipped, not waited for, and stay locked by this transaction until it commits.
     */
    public List<Booking> claimDueNoShows(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM booking WHERE NOT cancelled AND NOT recorded AND no_show_due_at <= :now
                ORDER BY no_show_due_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", ts(now)).param("limit", limit).query(BookingRepository::map).list();
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    static Booking map(ResultSet rs, int row) throws SQLException {
        return new Booking(rs.getString("booking_id"), rs.getString("session_id"), rs.getString("client_id"),
                rs.getString("program_id"), SessionType.valueOf(rs.getString("session_type")),
                Block.valueOf(rs.getString("block")), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getString("time_zone"), rs.getBoolean("cancelled"),
                rs.getBoolean("recorded"), rs.getString("late_entered_by") == null ? null
                        : new Booking.LateEntry(rs.getString("late_entered_by"),
                                rs.getTimestamp("late_entered_at").toInstant(), rs.getBoolean("session_entered_late")));
    }
}
