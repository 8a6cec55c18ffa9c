package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The projection applies each poll as one batch: a duplicate, an undecodable record and an event it rejects, all in
 * the same poll as good events, leave the good events applied once and send exactly the two bad records to the
 * dead-letter topic with their reason.
 */
class ComplianceBatchTest extends IntegrationTest {

    @Autowired KafkaListenerEndpointRegistry listeners;
    @Autowired MeterRegistry meters;

    final String programId = newId();
    final String clientId = newId();

    @Test
    void badRecordsInABatchGoToTheDeadLetterTopicAndTheRestOfTheBatchIsAppliedOnce() {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        SessionScheduled mon = scheduled(week);
        SessionScheduled wed = scheduled(week.plusDays(2));
        SessionScheduled fri = scheduled(week.plusDays(4));
        publish(mon, wed, fri);
        awaitWeek(programId, week, clientId, c -> c.get("scheduledRemainingMinutes").asInt() == 540);

        SessionAttended monday = TestEvents.attended(mon, mon.getStartsAt(), mon.getEndsAt(), 180, 1);
        // Ends before it starts: the projection rejects it (EventRejectedException, not retried).
        SessionAttended impossible = SessionAttended.newBuilder(TestEvents.attended(wed, wed.getStartsAt(),
                wed.getEndsAt(), 180, 1)).setEventId(newId()).setStartsAt(wed.getEndsAt()).setEndsAt(wed.getStartsAt())
                .build();
        SessionAttended friday = TestEvents.attended(fri, fri.getStartsAt(), fri.getEndsAt().minusSeconds(3600),
                120, 1);
        MessageListenerContainer container = listeners.getListenerContainer(ComplianceListener.LISTENER_ID);
        container.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(container::isContainerPaused);
            // Same key, so same partition and in this order; all of them wait for the next poll.
            publish(monday, monday);
            publishRaw(topics.attendance(), clientId, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
            publish(impossible, friday, monday);
        } finally {
            container.resume();
        }

        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 300
                && c.get("scheduledRemainingMinutes").asInt() == 180);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(2);
        assertThat(dead).extracting(r -> header(r, KafkaBackboneConfiguration.DLT_REASON_HEADER)).satisfiesExactly(
                undecodable -> assertThat(undecodable).contains("UndecodableEventException"),
                rejected -> assertThat(rejected).contains("EventRejectedException").contains("ends before it starts"));
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(applied(monday.getEventId())).isEqualTo(1);
        assertThat(applied(friday.getEventId())).isEqualTo(1);
        assertThat(applied(impossible.getEventId())).isZero();
    }

    @Test
    void theLatencyFromAnAttendanceRecordToTheProjectionIsMeasured() {
        configureProgram(programId, 60 * 24 * 60);
        LocalDate week = monday(-1);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        SessionScheduled s = scheduled(week);
        publish(s);
        awaitBooking(s.getBookingId());
        long before = latencyCount();
        assertThat(post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", s.getStartsAt().toString(), "checkedOutAt", s.getEndsAt().toString()))
                .status()).isEqualTo(201);
        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 180);
        await().atMost(Duration.ofSeconds(10)).until(() -> latencyCount() > before);
        Timer timer = meters.find("iop.attendance.compliance.latency").timer();
        assertThat(timer).isNotNull();
        assertThat(timer.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
    }

    private long latencyCount() {
        Timer timer = meters.find("iop.attendance.compliance.latency").timer();
        return timer == null ? 0 : timer.count();
    }

    private SessionScheduled scheduled(LocalDate day) {
        return TestEvents.scheduled(clientId, programId, newId(), newId(), at(day, 9, 0), at(day, 12, 0));
    }

    private long applied(String eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'attendance.compliance' AND event_id = :e")
                .param("e", eventId).query(Long.class).single();
    }

    /** This client's records on the attendance dead-letter topic, once there are {@code count}, in offset order. */
    private List<ConsumerRecord<String, byte[]>> deadLetters(int count) {
        List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topics.attendance() + ".DLT"));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (clientId.equals(r.key())) {
                        mine.add(r);
                    }
                });
                return mine.size() >= count;
            });
        }
        return mine;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
