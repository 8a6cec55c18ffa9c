package org.openiop.attendance.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.events.SessionScheduled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The booking listener applies each poll as one batch: a duplicate, an undecodable record and an event it rejects,
 * in the same poll as good events, leave the good events applied once (a booking's events folded as if applied one
 * by one) and send exactly the two bad records to the dead-letter topic with their reason.
 */
class BookingBatchTest extends IntegrationTest {

    @Autowired KafkaListenerEndpointRegistry listeners;

    final String programId = newId();
    final String clientId = newId();

    @Test
    void badRecordsInABatchGoToTheDeadLetterTopicAndTheRestIsAppliedOnceInOrder() {
        configureProgram(programId, 90);
        LocalDate day = monday(1);
        SessionScheduled moved = scheduled(day, 9);
        SessionScheduled cancelled = scheduled(day.plusDays(1), 9);
        SessionScheduled impossible = SessionScheduled.newBuilder(scheduled(day.plusDays(2), 9))
                .setEndsAt(at(day.plusDays(2), 8, 0)).build();
        SessionScheduled after = scheduled(day.plusDays(3), 9);
        Instant movedStart = at(day, 13, 0);
        Instant movedEnd = at(day, 17, 0);
        MessageListenerContainer container = listeners.getListenerContainer("attendance-bookings");
        container.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
            // Same key, so same partition and in this order; all of them wait for the next poll.
            publish(moved, moved, cancelled);
            publishRaw(topics.sessions(), clientId, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
            publish(TestEvents.rescheduled(moved, movedStart, movedEnd), TestEvents.cancelled(cancelled), impossible,
                    after, moved);
        } finally {
            container.resume();
        }

        await().atMost(Duration.ofSeconds(45)).until(() -> booking(after.getBookingId()) != null);
        Map<String, Object> m = booking(moved.getBookingId());
        assertThat(((Timestamp) m.get("starts_at")).toInstant()).isEqualTo(movedStart);
        assertThat(((Timestamp) m.get("ends_at")).toInstant()).isEqualTo(movedEnd);
        assertThat(((Timestamp) m.get("no_show_due_at")).toInstant()).isEqualTo(movedEnd.plus(Duration.ofMinutes(90)));
        assertThat(m.get("cancelled")).isEqualTo(false);
        assertThat(booking(cancelled.getBookingId()).get("cancelled")).isEqualTo(true);
        assertThat(booking(impossible.getBookingId())).isNull();
        assertThat(((Timestamp) booking(after.getBookingId()).get("no_show_due_at")).toInstant())
                .isEqualTo(after.getEndsAt().plus(Duration.ofMinutes(90)));

        List<ConsumerRecord<String, byte[]>> dead = deadLetters(2);
        assertThat(dead).extracting(r -> header(r, KafkaBackboneConfiguration.DLT_REASON_HEADER)).satisfiesExactly(
                undecodable -> assertThat(undecodable).contains("UndecodableEventException"),
                rejected -> assertThat(rejected).contains("EventRejectedException").contains("not after it starts"));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(applied(moved.getEventId())).isEqualTo(1);
        assertThat(applied(impossible.getEventId())).isZero();
    }

    private SessionScheduled scheduled(LocalDate day, int hour) {
        return TestEvents.scheduled(clientId, programId, newId(), newId(), at(day, hour, 0), at(day, hour + 3, 0));
    }

    private Map<String, Object> booking(String bookingId) {
        return jdbc.sql("SELECT * FROM booking WHERE booking_id = :b").param("b", bookingId).query().listOfRows()
                .stream().findFirst().orElse(null);
    }

    private long applied(String eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'attendance.bookings' AND event_id = :e")
                .param("e", eventId).query(Long.class).single();
    }

    /** This client's records the booking listener sent to the sessions dead-letter topic, in offset order. */
    private List<ConsumerRecord<String, byte[]>> deadLetters(int count) {
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topics.sessions() + ".DLT"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    // the compliance projection reads the same topic in its own group and dead-letters them too
                    String group = header(r, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
                    if (clientId.equals(r.key()) && group != null && !group.endsWith(".compliance")) {
                        mine.add(r);
                    }
                });
                return mine.size() >= count;
            });
            // nothing more arrives for this client from this listener
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> {
                String group = header(r, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
                if (clientId.equals(r.key()) && group != null && !group.endsWith(".compliance")) {
                    mine.add(r);
                }
            });
        }
        assertThat(mine).hasSize(count);
        return mine;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
