package org.openiop.attendance.telehealth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The telehealth tables: deliveries seen, meetings, participants and their join/leave intervals. */
@Repository
class PresenceRepository {

    private final JdbcClient jdbc;

    PresenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Participant(UUID id, String platform, String meetingInstance, String participantKey, String displayName,
            String bookingId, String matchedBy, String sessionId) {
    }

    record Presence(UUID participantId, Instant joinedAt, Instant leftAt) {
    }

    /** True the first time a delivery is seen; a replay or retry of the same body is refused here. */
    boolean firstDelivery(String deliveryId, String platform, String type) {
        return jdbc.sql("""
                INSERT INTO telehealth_delivery (delivery_id, platform, event_type) VALUES (:id, :p, :t)
                ON CONFLICT DO NOTHING""").param("id", deliveryId).param("p", platform).param("t", type)
                .update() == 1;
    }

    void meeting(String platform, String instance) {
        jdbc.sql("""
                INSERT INTO telehealth_meeting (platform, meeting_instance) VALUES (:p, :m) ON CONFLICT DO NOTHING""")
                .param("p", platform).param("m", instance).update();
    }

    /** The first matched participant tells which session a meeting occurrence is. */
    void meetingSession(String platform, String instance, String sessionId) {
        jdbc.sql("""
                UPDATE telehealth_meeting SET session_id = :s
                WHERE platform = :p AND meeting_instance = :m AND session_id IS NULL""")
                .param("p", platform).param("m", instance).param("s", sessionId).update();
    }

    Participant participant(String platform, String instance, String key, String displayName) {
        jdbc.sql("""
                INSERT INTO telehealth_participant (id, platform, meeting_instance, participant_key, display_name)
                VALUES (:id, :p, :m, :k, :n)
                ON CONFLICT (platform, meeting_instance, participant_key)
                DO UPDATE SET display_name = coalesce(excluded.display_name, telehealth_participant.display_name)""")
                .param("id", UUID.randomUUID()).param("p", platform).param("m", instance).param("k", key)
                .param("n", displayName).update();
        return jdbc.sql(SELECT + " WHERE tp.platform = :p AND tp.meeting_instance = :m AND tp.participant_key = :k")
                .param("p", platform).param("m", instance).param("k", key).query(PresenceRepository::map).single();
    }

    Optional<Participant> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE tp.id = :id FOR UPDATE OF tp").param("id", id).query(PresenceRepository::map)
                .optional();
    }

    void match(UUID participantId, String bookingId, String by) {
        jdbc.sql("UPDATE telehealth_participant SET booking_id = :b, matched_by = :by WHERE id = :id")
                .param("id", participantId).param("b", bookingId).param("by", by).update();
    }

    void joined(UUID participantId, Instant at) {
        jdbc.sql("""
                INSERT INTO telehealth_presence (participant_id, joined_at) VALUES (:p, :at) ON CONFLICT DO NOTHING""")
                .param("p", participantId).param("at", Timestamp.from(at)).update();
    }

    /** Closes the latest open interval begun by then; a leave seen before its join opens and closes one. */
    void left(UUID participantId, Instant at, Instant joinedAt) {
        int closed = jdbc.sql("""
                UPDATE telehealth_presence SET left_at = :at
                WHERE participant_id = :p AND joined_at = (
                    SELECT max(joined_at) FROM telehealth_presence
                    WHERE participant_id = :p AND left_at IS NULL AND joined_at <= :at)""")
                .param("p", participantId).param("at", Timestamp.from(at)).update();
        if (closed == 0 && joinedAt != null && !joinedAt.isAfter(at)) {
            jdbc.sql("""
                    INSERT INTO telehealth_presence (participant_id, joined_at, left_at) VALUES (:p, :j, :at)
                    ON CONFLICT (participant_id, joined_at) DO UPDATE SET left_at = excluded.left_at
                    WHERE telehealth_presence.left_at IS NULL""")
                    .param("p", participantId).param("j", Timestamp.from(joinedAt)).param("at", Timestamp.from(at))
                    .update();
        }
    }

    /** The meeting ended: everyone still in it leaves then. Returns the bookings of its matched participants. */
    List<String> ended(String platform, String instance, Instant at) {
        jdbc.sql("""
                UPDATE telehealth_meeting SET ended_at = :at WHERE platform = :p AND meeting_instance = :m""")
                .param("p", platform).param("m", instance).param("at", Timestamp.from(at)).update();
        jdbc.sql("""
                UPDATE telehealth_presence pr SET left_at = greatest(pr.joined_at, :at)
                FROM telehealth_participant tp
                WHERE tp.id = pr.participant_id AND tp.platform = :p AND tp.meeting_instance = :m
                  AND pr.left_at IS NULL""")
                .param("p", platform).param("m", instance).param("at", Timestamp.from(at)).update();
        return jdbc.sql("""
                SELECT DISTINCT booking_id FROM telehealth_participant
                WHERE platform = :p AND meeting_instance = :m AND booking_id IS NOT NULL ORDER BY booking_id""")
                .param("p", platform).param("m", instance).query(String.class).list();
    }

    /** Closed intervals of every participant matched to the booking (several devices, several occurrences). */
    List<PresenceRules.Interval> closedIntervals(String bookingId) {
        return jdbc.sql("""
                SELECT pr.joined_at, pr.left_at FROM telehealth_presence pr
                JOIN telehealth_participant tp ON tp.id = pr.participant_id
                WHERE tp.booking_id = :b AND pr.left_at IS NOT NULL ORDER BY pr.joined_at""")
                .param("b", bookingId).query((rs, n) -> new PresenceRules.Interval(
                        rs.getTimestamp("joined_at").toInstant(), rs.getTimestamp("left_at").toInstant())).list();
    }

    List<Presence> presences(List<UUID> participants) {
        if (participants.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT participant_id, joined_at, left_at FROM telehealth_presence
                WHERE participant_id IN (:ids) ORDER BY joined_at""").param("ids", participants)
                .query((rs, n) -> new Presence(rs.getObject("participant_id", UUID.class),
                        rs.getTimestamp("joined_at").toInstant(),
                        rs.getTimestamp("left_at") == null ? null : rs.getTimestamp("left_at").toInstant()))
                .list();
    }

    /** Participants of the meeting occurrences held as this session. */
    List<Participant> ofSession(String sessionId) {
        return jdbc.sql(SELECT + """
                 WHERE tm.session_id = :s ORDER BY tp.booking_id NULLS FIRST, tp.display_name, tp.id""")
                .param("s", sessionId).query(PresenceRepository::map).list();
    }

    /** Participants no booking is matched to, first seen in [from, to). */
    List<Participant> unmatched(Instant from, Instant to, int limit) {
        return jdbc.sql(SELECT + """
                 WHERE tp.booking_id IS NULL AND EXISTS (SELECT 1 FROM telehealth_presence pr
                     WHERE pr.participant_id = tp.id AND pr.joined_at >= :from AND pr.joined_at < :to)
                 ORDER BY tm.first_seen_at DESC, tp.id LIMIT :limit""")
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).param("limit", limit)
                .query(PresenceRepository::map).list();
    }

    private static final String SELECT = """
            SELECT tp.*, tm.session_id FROM telehealth_participant tp
            JOIN telehealth_meeting tm ON tm.platform = tp.platform AND tm.meeting_instance = tp.meeting_instance
            """;

    private static Participant map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Participant(rs.getObject("id", UUID.class), rs.getString("platform"),
                rs.getString("meeting_instance"), rs.getString("participant_key"), rs.getString("display_name"),
                rs.getString("booking_id"), rs.getString("matched_by"), rs.getString("session_id"));
    }
}
