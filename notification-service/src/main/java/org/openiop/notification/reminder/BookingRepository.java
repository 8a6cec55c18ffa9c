package org.openiop.notification.reminder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.notification.clientlink.ClientBookings;
import org.openiop.notification.delivery.BookedSessions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bookings this service has heard of, newest state only. */
@Repository
class BookingRepository implements BookedSessions, ClientBookings {

    private final JdbcClient jdbc;

    BookingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The booking, locked for this transaction so two events of one booking never interleave. */
    Optional<Booking> findForUpdate(String bookingId) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id FOR UPDATE").param("id", bookingId)
                .query(BookingRepository::row).optional();
    }

    Optional<Booking> find(String bookingId) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :id").param("id", bookingId)
                .query(BookingRepository::row).optional();
    }

    void save(Booking b) {
        jdbc.sql("""
                INSERT INTO booking (booking_id, client_id, program_id, session_id, starts_at, ends_at, time_zone,
                    status, booked_at, revision, last_event_at)
                VALUES (:id, :client, :program, :session, :starts, :ends, :zone, :status, :bookedAt, :revision, :last)
                ON CONFLICT (booking_id) DO UPDATE SET session_id = excluded.session_id,
                    starts_at = excluded.starts_at, ends_at = excluded.ends_at, time_zone = excluded.time_zone,
                    status = excluded.status, booked_at = excluded.booked_at, revision = excluded.revision,
                    last_event_at = excluded.last_event_at""")
                .param("id", b.bookingId()).param("client", b.clientId()).param("program", b.programId())
                .param("session", b.sessionId()).param("starts", Timestamp.from(b.startsAt()))
                .param("ends", Timestamp.from(b.endsAt())).param("zone", b.timeZone().getId())
                .param("status", b.cancelled() ? "CANCELLED" : "SCHEDULED")
                .param("bookedAt", Timestamp.from(b.bookedAt())).param("revision", b.revision())
                .param("last", Timestamp.from(b.lastEventAt())).update();
    }

    List<Booking> upcomingOfClient(String clientId, Instant after) {
        return jdbc.sql("""
                SELECT * FROM booking WHERE client_id = :id AND status = 'SCHEDULED' AND starts_at > :after
                ORDER BY starts_at""")
                .param("id", clientId).param("after", Timestamp.from(after)).query(BookingRepository::row).list();
    }

    List<Booking> upcomingOfProgram(String programId, Instant after) {
        return jdbc.sql("""
                SELECT * FROM booking WHERE program_id = :id AND status = 'SCHEDULED' AND starts_at > :after
                ORDER BY starts_at""")
                .param("id", programId).param("after", Timestamp.from(after)).query(BookingRepository::row).list();
    }

    @Override
    public Map<String, BookedSessions.State> states(Collection<String> bookingIds) {
        Map<String, BookedSessions.State> states = new HashMap<>();
        if (bookingIds.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT booking_id, status, starts_at FROM booking WHERE booking_id = ANY(:ids)")
                .param("ids", bookingIds.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> states.put(rs.getString("booking_id"), new BookedSessions.State(
                        "CANCELLED".equals(rs.getString("status")), rs.getTimestamp("starts_at").toInstant())))
                .list();
        return states;
    }

    @Override
    public Optional<String> clientOf(String bookingId) {
        return jdbc.sql("SELECT client_id FROM booking WHERE booking_id = :id").param("id", bookingId)
                .query(String.class).optional();
    }

    @Override
    public List<ClientBookings.Booked> notOver(String clientId, Instant now, int limit) {
        return jdbc.sql("""
                SELECT booking_id, program_id, starts_at, ends_at, time_zone FROM booking
                WHERE client_id = :client AND status = 'SCHEDULED' AND ends_at > :now
                ORDER BY starts_at LIMIT :limit""")
                .param("client", clientId).param("now", Timestamp.from(now)).param("limit", limit)
                .query((rs, n) -> new ClientBookings.Booked(rs.getString("booking_id"), rs.getString("program_id"),
                        rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                        ZoneId.of(rs.getString("time_zone"))))
                .list();
    }

    private static Booking row(ResultSet rs, int n) throws SQLException {
        return new Booking(rs.getString("booking_id"), rs.getString("client_id"), rs.getString("program_id"),
                rs.getString("session_id"), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), ZoneId.of(rs.getString("time_zone")),
                "CANCELLED".equals(rs.getString("status")), rs.getTimestamp("booked_at").toInstant(),
                rs.getInt("revision"), rs.getTimestamp("last_event_at").toInstant());
    }
}
