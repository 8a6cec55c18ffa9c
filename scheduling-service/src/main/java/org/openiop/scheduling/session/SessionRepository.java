package org.openiop.scheduling.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.ProgramCalendar;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SessionRepository {

    private static final String VIEW = """
            SELECT s.*, lower(s.period) AS starts_at, upper(s.period) AS ends_at, p.time_zone
            FROM session s JOIN program_published p ON p.id = s.program_id
            """;

    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SessionView> find(UUID id) {
        return jdbc.sql(VIEW + " WHERE s.id = :id").param("id", id).query(SessionRepository::map).optional();
    }

    public SessionView get(UUID id, String field) {
        return find(id).orElseThrow(() -> RuleViolation.notFound(field, "Session", id));
    }

    /** Locks the session row (bookings update its seat counter, so they wait for a cancel or move to finish). */
    public SessionView lock(UUID id) {
        return jdbc.sql(VIEW + " WHERE s.id = :id FOR NO KEY UPDATE OF s").param("id", id)
                .query(SessionRepository::map).optional()
                .orElseThrow(() -> RuleViolation.notFound("sessionId", "Session", id));
    }

    public void insert(UUID id, UUID programId, SessionType type, LocalDate date, SessionSlot slot,
            ProgramCalendar.Interval interval, int capacity, String topic, UUID clinicianId, UUID roomId) {
        jdbc.sql("""
                INSERT INTO session (id, program_id, session_type, block, local_date, start_time, end_time, period,
                    capacity, topic, clinician_id, room_id)
                VALUES (:id, :p, :type, :block, :day, :start, :end, tstzrange(:from, :to, '[)'), :capacity, :topic,
                    :clinician, :room)""")
                .param("id", id).param("p", programId).param("type", type.name()).param("block", slot.block())
                .param("day", date).param("start", slot.startTime()).param("end", slot.endTime())
                .param("from", utc(interval.start())).param("to", utc(interval.end())).param("capacity", capacity)
                .param("topic", topic).param("clinician", clinicianId).param("room", roomId).update();
    }

    void move(UUID id, LocalDate date, SessionSlot slot, ProgramCalendar.Interval interval) {
        jdbc.sql("""
                UPDATE session SET local_date = :day, block = :block, start_time = :start, end_time = :end,
                    period = tstzrange(:from, :to, '[)') WHERE id = :id""")
                .param("id", id).param("day", date).param("block", slot.block()).param("start", slot.startTime())
                .param("end", slot.endTime()).param("from", utc(interval.start())).param("to", utc(interval.end()))
                .update();
    }

    public void setModality(UUID id, Modality modality) {
        jdbc.sql("UPDATE session SET modality = :m WHERE id = :id").param("id", id).param("m", modality.name())
                .update();
    }

    public void markCancelled(UUID id, ChangeReason reason, String note) {
        jdbc.sql("UPDATE session SET status = 'CANCELLED', cancel_reason = :r, cancel_note = :n WHERE id = :id")
                .param("id", id).param("r", reason.name()).param("n", note).update();
    }

    /** Cancels every scheduled session of a program on local days [first, last]; returns how many. */
    public int cancelOnDays(UUID programId, LocalDate first, LocalDate last, ChangeReason reason) {
        return jdbc.sql("""
                UPDATE session SET status = 'CANCELLED', cancel_reason = :r
                WHERE program_id = :p AND local_date BETWEEN :first AND :last AND status = 'SCHEDULED'""")
                .param("p", programId).param("first", first).param("last", last).param("r", reason.name())
                .update();
    }

    /** Scheduled sessions of a program on local days [first, last], in time order. */
    public List<SessionView> onDays(UUID programId, LocalDate first, LocalDate last, int limit, long offset) {
        return jdbc.sql(VIEW + """
                 WHERE s.program_id = :p AND s.local_date BETWEEN :first AND :last AND s.status = 'SCHEDULED'
                 ORDER BY lower(s.period), s.id LIMIT :limit OFFSET :offset""")
                .param("p", programId).param("first", first).param("last", last).param("limit", limit)
                .param("offset", offset).query(SessionRepository::map).list();
    }

    public long countOnDays(UUID programId, LocalDate first, LocalDate last) {
        return jdbc.sql("""
                SELECT count(*) FROM session WHERE program_id = :p AND local_date BETWEEN :first AND :last
                  AND status = 'SCHEDULED'""")
                .param("p", programId).param("first", first).param("last", last).query(Long.class).single();
    }

    /** Scheduled sessions a clinician or room ("clinician_id" / "room_id") runs on local days [first, last]. */
    public List<SessionView> forResource(String column, UUID id, LocalDate first, LocalDate last, int limit,
            long offset) {
        return jdbc.sql(VIEW + " WHERE s." + column + """
                 = :id AND s.local_date BETWEEN :first AND :last AND s.status = 'SCHEDULED'
                 ORDER BY lower(s.period), s.id LIMIT :limit OFFSET :offset""")
                .param("id", id).param("first", first).param("last", last).param("limit", limit)
                .param("offset", offset).query(SessionRepository::map).list();
    }

    public long countForResource(String column, UUID id, LocalDate first, LocalDate last) {
        return jdbc.sql("SELECT count(*) FROM session WHERE " + column
                + " = :id AND local_date BETWEEN :first AND :last AND status = 'SCHEDULED'")
                .param("id", id).param("first", first).param("last", last).query(Long.class).single();
    }

    /**
     * A scheduled group in the same slot a series can join (same topic, clinician and room where the series names
     * them), preferring one with a free seat.
     */
    public Optional<UUID> joinableGroup(UUID programId, LocalDate day, LocalTime start, LocalTime end, String topic,
            UUID clinicianId, UUID roomId, Modality held) {
        return jdbc.sql("""
                SELECT id FROM session
                WHERE program_id = :p AND local_date = :day AND start_time = :start AND end_time = :end
                  AND session_type = 'GROUP' AND status = 'SCHEDULED' AND modality = :held
                  AND (CAST(:topic AS text) IS NULL OR topic = :topic)
                  AND (CAST(:clinician AS uuid) IS NULL OR clinician_id = :clinician)
                  AND (CAST(:room AS uuid) IS NULL OR room_id = :room)
                ORDER BY booked_count < capacity DESC, created_at, id LIMIT 1""")
                .param("p", programId).param("day", day).param("start", start).param("end", end)
                .param("topic", topic).param("clinician", clinicianId).param("room", roomId)
                .param("held", held.name()).query(UUID.class).optional();
    }

    static OffsetDateTime utc(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static SessionView map(ResultSet rs, int n) throws SQLException {
        return new SessionView(rs.getObject("id", UUID.class), rs.getObject("program_id", UUID.class),
                SessionType.valueOf(rs.getString("session_type")), rs.getObject("local_date", LocalDate.class),
                rs.getString("block"), rs.getObject("start_time", LocalTime.class),
                rs.getObject("end_time", LocalTime.class),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getString("time_zone"),
                rs.getInt("capacity"), rs.getInt("booked_count"), rs.getString("topic"),
                rs.getObject("clinician_id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getString("status"), Modality.valueOf(rs.getString("modality")), lateEntry(rs));
    }

    /** The late-entry mark of a session or booking row (columns late_entry_reason, late_entered_by/at), if any. */
    public static LateEntryPolicy.LateEntry lateEntry(ResultSet rs) throws SQLException {
        String reason = rs.getString("late_entry_reason");
        return reason == null ? null : new LateEntryPolicy.LateEntry(reason, rs.getString("late_entered_by"),
                rs.getObject("late_entered_at", OffsetDateTime.class).toInstant());
    }

    /** Marks a session just inserted as entered after it took place. */
    void markLateEntry(UUID id, LateEntryPolicy.LateEntry late) {
        jdbc.sql("""
                UPDATE session SET late_entry_reason = :reason, late_entered_by = :by, late_entered_at = :at
                WHERE id = :id""")
                .param("id", id).param("reason", late.reason()).param("by", late.enteredBy())
                .param("at", utc(late.enteredAt())).update();
    }
}
