package org.openiop.notification.telehealth;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.SessionModality;
import org.openiop.events.SessionScheduled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Notes which bookings are online, in its own consumer group so the reminder planner stays as it is. Each event is
 * applied once (inbox consumer {@code notification.telehealth}).
 */
@Component
class OnlineBookingsListener {

    private final EventInbox inbox;
    private final JdbcClient jdbc;

    OnlineBookingsListener(EventInbox inbox, JdbcClient jdbc) {
        this.inbox = inbox;
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = "#{@topics.sessions()}", groupId = "${spring.kafka.consumer.group-id}.telehealth")
    void on(SpecificRecord event) {
        if (event instanceof SessionScheduled e) {
            inbox.applyOnce("notification.telehealth", event, () -> {
                if (e.getModality() == SessionModality.IN_PERSON) {
                    jdbc.sql("DELETE FROM online_booking WHERE booking_id = :b").param("b", e.getBookingId())
                            .update();
                } else {
                    jdbc.sql("""
                            INSERT INTO online_booking (booking_id, modality) VALUES (:b, :m)
                            ON CONFLICT (booking_id) DO UPDATE SET modality = excluded.modality""")
                            .param("b", e.getBookingId()).param("m", e.getModality().name()).update();
                }
            });
        }
    }
}
