package org.openiop.notification.telehealth;

import org.openiop.events.SessionModality;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which bookings are in a video session (SessionScheduled's modality). Noted in the same transaction as the
 * booking's reminders are planned, so the first message (a confirmation sent at once) already knows.
 */
@Component
public class OnlineBookings {

    private final JdbcClient jdbc;

    OnlineBookings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void note(String bookingId, SessionModality modality) {
        if (modality == SessionModality.IN_PERSON) {
            jdbc.sql("DELETE FROM online_booking WHERE booking_id = :b").param("b", bookingId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO online_booking (booking_id, modality) VALUES (:b, :m)
                    ON CONFLICT (booking_id) DO UPDATE SET modality = excluded.modality""")
                    .param("b", bookingId).param("m", modality.name()).update();
        }
    }

    boolean online(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM online_booking WHERE booking_id = :b").param("b", bookingId)
                .query(Long.class).single() > 0;
    }
}
