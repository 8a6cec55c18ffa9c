package org.openiop.notification.telehealth;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which bookings are in a video session (SessionScheduled's modality). Noted in the same transaction as the
 * booking's reminders are planned, so the first message (a confirmation sent at once) already knows.
 */
@Repository
public class OnlineBookingRepository {

    private final JdbcClient jdbc;

    OnlineBookingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void note(String bookingId, Modality modality) {
        if (modality == Modality.IN_PERSON) {
            jdbc.sql("DELETE FROM online_booking WHERE booking_id = :b").param("b", bookingId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO online_booking (booking_id, modality) VALUES (:b, :m)
                    ON CONFLICT (booking_id) DO UPDATE SET modality = excluded.modality""")
                    .param("b", bookingId).param("m", modality.name()).update();
        }
    }

    /** Which of these bookings are in a video session, in one query (a sender's next few messages). */
    Set<String> online(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return new HashSet<>();
        }
        return new HashSet<>(jdbc.sql("SELECT booking_id FROM online_booking WHERE booking_id = ANY(:b)")
                .param("b", bookingIds.toArray(String[]::new)).query(String.class).list());
    }

    boolean online(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM online_booking WHERE booking_id = :b").param("b", bookingId)
                .query(Long.class).single() > 0;
    }
}
