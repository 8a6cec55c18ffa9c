package org.openiop.scheduling.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionType;
import org.openiop.scheduling.session.LateEntryPolicy;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BookingRepository {

    private static final String SEAT = """
            SELECT b.id AS booking_id, b.client_id, b.program_id, b.session_id, b.series_id, b.status,
                   s.session_type, s.block, s.local_date, lower(s.period) AS starts_at, upper(s.period) AS ends_at,
                   p.time_zone, s.modality, b.late_entry_reason, b.late_entered_by, b.late_entered_at,
                   s.late_entry_reason IS NOT NULL AS session_late_entry
            FROM booking b JOIN session_published s ON s.id = b.session_id
                JOIN program_published p ON p.id = b.program_id
            """;

    private final JdbcClient jdbc;

    BookingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a seat; the booking trigger copies the session's time and enforces every booking rule. */
    void insert(UUID bookingId, UUID sessionId, UUID clientId, UUID seriesId) {
        jdbc.sql("INSERT INTO booking (id, session_id, client_id, series_id) VALUES (:id, :s, :c, :series)")
                .param("id", bookingId).param("s", sessionId).param("c", clientId).param("series", seriesId)
                .update();
    }

    /** Inserts a seat in a session that has already started; the trigger admits it because it carries the mark. */
    void insertLate(UUID bookingId, UUID sessionId, UUID clientId, LateEntryPolicy.LateEntry late) {
        jdbc.sql("""
                INSERT INTO booking (id, session_id, client_id, late_entry_reason, late_entered_by, late_entered_at)
                VALUES (:id, :s, :c, :reason, :by, :at)""")
                .param("id", bookingId).param("s", sessionId).param("c", clientId).param("reason", late.reason())
                .param("by", late.enteredBy()).param("at", late.enteredAt().atOffset(java.time.ZoneOffset.UTC))
                .update();
    }

    public Optional<BookedSeat> find(UUID bookingId) {
        return jdbc.sql(SEAT + " WHERE b.id = :id").param("id", bookingId).query(BookingRepository::map).optional();
    }

    /** Locks the booking row so a cancel and a move of the same booking serialize. */
    Optional<BookedSeat> lock(UUID bookingId) {
        return jdbc.sql(SEAT + " WHERE b.id = :id FOR NO KEY UPDATE OF b").param("id", bookingId)
                .query(BookingRepository::map).optional();
    }

    public List<BookedSeat> bookedInSession(UUID sessionId) {
        return jdbc.sql(SEAT + " WHERE b.session_id = :s AND b.status = 'BOOKED' ORDER BY b.created_at, b.id")
                .param("s", sessionId).query(BookingRepository::map).list();
    }

    public List<BookedSeat> bookedOnDays(UUID programId, LocalDate first, LocalDate last) {
        return jdbc.sql(SEAT + """
                 WHERE b.program_id = :p AND b.status = 'BOOKED' AND s.local_date BETWEEN :first AND :last
                 ORDER BY lower(s.period), b.id""")
                .param("p", programId).param("first", first).param("last", last)
                .query(BookingRepository::map).list();
    }

    public List<BookedSeat> bookedForClientAfter(UUID clientId, LocalDate day) {
        return jdbc.sql(SEAT + """
                 WHERE b.client_id = :c AND b.status = 'BOOKED' AND s.local_date > :day ORDER BY lower(s.period)""")
                .param("c", clientId).param("day", day).query(BookingRepository::map).list();
    }

    /** Seats of a series on or after a local day that have not started yet: the part of a series that may change. */
    public List<BookedSeat> bookedInSeriesFrom(UUID seriesId, LocalDate from) {
        return jdbc.sql(SEAT + """
                 WHERE b.series_id = :series AND b.status = 'BOOKED' AND s.local_date >= :from
                   AND lower(s.period) > now() ORDER BY lower(s.period)""")
                .param("series", seriesId).param("from", from).query(BookingRepository::map).list();
    }

    /** The client's booked seats on local days [first, last], in time order. */
    public List<BookedSeat> bookedForClient(UUID clientId, LocalDate first, LocalDate last, int limit, long offset) {
        return jdbc.sql(SEAT + """
                 WHERE b.client_id = :c AND b.status = 'BOOKED' AND s.local_date BETWEEN :first AND :last
                 ORDER BY lower(s.period), b.id LIMIT :limit OFFSET :offset""")
                .param("c", clientId).param("first", first).param("last", last).param("limit", limit)
                .param("offset", offset).query(BookingRepository::map).list();
    }

    public long countForClient(UUID clientId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT count(*) FROM booking b JOIN session_published s ON s.id = b.session_id
                WHERE b.client_id = :c AND b.status = 'BOOKED' AND s.local_date BETWEEN :first AND :last""")
                .param("c", clientId).param("first", first).param("last", last).query(Long.class).single();
    }

    public List<BookedSeat> inSeries(UUID seriesId) {
        return jdbc.sql(SEAT + " WHERE b.series_id = :series ORDER BY lower(s.period)")
                .param("series", seriesId).query(BookingRepository::map).list();
    }

    /** Another series of the same client already holding a seat overlapping [start, end), if any. */
    public Optional<UUID> overlappingSeries(UUID clientId, java.time.Instant start, java.time.Instant end,
            UUID exceptSeries) {
        return jdbc.sql("""
                SELECT b.series_id FROM booking b
                WHERE b.client_id = :c AND b.status = 'BOOKED' AND b.period && tstzrange(:start, :end, '[)')
                  AND b.series_id IS NOT NULL AND b.series_id IS DISTINCT FROM :except LIMIT 1""")
                .param("c", clientId).param("start", start.atOffset(java.time.ZoneOffset.UTC))
                .param("end", end.atOffset(java.time.ZoneOffset.UTC)).param("except", exceptSeries)
                .query(UUID.class).optional();
    }

    void markCancelled(UUID bookingId, ChangeReason reason, String note) {
        jdbc.sql("""
                UPDATE booking SET status = 'CANCELLED', cancel_reason = :reason, cancel_note = :note,
                    cancelled_at = now() WHERE id = :id""")
                .param("id", bookingId).param("reason", reason.name()).param("note", note).update();
    }

    void moveTo(UUID bookingId, UUID sessionId) {
        jdbc.sql("UPDATE booking SET session_id = :s WHERE id = :id").param("id", bookingId).param("s", sessionId)
                .update();
    }

    /** After a session moved: its seats take its new time (the trigger re-checks every rule for each). */
    public void followSession(UUID sessionId) {
        jdbc.sql("""
                UPDATE booking b SET period = s.period FROM session_published s
                WHERE s.id = b.session_id AND b.session_id = :s AND b.status = 'BOOKED'""")
                .param("s", sessionId).update();
    }

    private static BookedSeat map(ResultSet rs, int n) throws SQLException {
        return new BookedSeat(rs.getObject("booking_id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("program_id", UUID.class), rs.getObject("session_id", UUID.class),
                rs.getObject("series_id", UUID.class), rs.getString("status"),
                SessionType.valueOf(rs.getString("session_type")), rs.getString("block"),
                rs.getObject("local_date", LocalDate.class),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getString("time_zone"),
                Modality.valueOf(rs.getString("modality")), SessionRepository.lateEntry(rs),
                rs.getBoolean("session_late_entry"));
    }
}
