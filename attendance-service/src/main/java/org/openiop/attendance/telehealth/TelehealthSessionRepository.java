package org.openiop.attendance.telehealth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import org.openiop.attendance.booking.Modality;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each session's modality as last announced ({@code telehealth_session}), and which bookings had a participant in a
 * video meeting: the SQL behind {@link TelehealthServices}.
 */
@Repository
class TelehealthSessionRepository {

    private final JdbcClient jdbc;

    TelehealthSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The newest announcement of a session wins ({@code occurredAt}); an in-person session gets a row only once it
     * has been a video one.
     */
    void note(String sessionId, Modality modality, Instant occurredAt) {
        String guard = " WHERE telehealth_session.noted_at IS NULL OR telehealth_session.noted_at <= excluded.noted_at";
        if (modality == Modality.IN_PERSON) {
            jdbc.sql("UPDATE telehealth_session SET modality = 'IN_PERSON', noted_at = :at WHERE session_id = :s"
                    + " AND (noted_at IS NULL OR noted_at <= :at)")
                    .param("s", sessionId).param("at", utc(occurredAt)).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO telehealth_session (session_id, modality, noted_at)
                VALUES (:s, :m, :at)
                ON CONFLICT (session_id) DO UPDATE SET modality = excluded.modality, noted_at = excluded.noted_at"""
                + guard)
                .param("s", sessionId).param("m", modality.name()).param("at", utc(occurredAt)).update();
    }

    /** Those of the given sessions noted as TELEHEALTH. */
    List<String> videoSessions(Collection<String> sessionIds) {
        return jdbc.sql("""
                SELECT session_id FROM telehealth_session WHERE session_id = ANY(:s) AND modality = 'TELEHEALTH'""")
                .param("s", sessionIds.toArray(String[]::new)).query(String.class).list();
    }

    /** Those of the given bookings matched to a participant of a video meeting. */
    List<String> joinedBookings(Collection<String> bookingIds) {
        return jdbc.sql("""
                SELECT DISTINCT booking_id FROM telehealth_participant WHERE booking_id = ANY(:ids)""")
                .param("ids", bookingIds.toArray(String[]::new)).query(String.class).list();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
