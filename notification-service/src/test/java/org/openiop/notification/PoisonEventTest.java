package org.openiop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.events.Block;
import org.openiop.events.MissedReason;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionMissed;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Events that can never be applied go to the dead-letter topic, and the client's later events still flow. */
class PoisonEventTest extends IntegrationTest {

    @Test
    void undecodable_and_impossible_events_go_to_the_dlt_and_the_partition_keeps_flowing() {
        String program = programConfigured("America/Chicago");
        String client = id();
        publishRaw(topics.sessions(), client, "not an avro event".getBytes(StandardCharsets.UTF_8));
        Instant start = Instant.now().plus(Duration.ofDays(3));
        SessionScheduled backwards = SessionScheduled.newBuilder(
                scheduled(program, client, start, "America/Chicago", Instant.now())).setEndsAt(start.minusSeconds(60))
                .build();
        publish(topics.sessions(), client, backwards);
        SessionScheduled fine = scheduled(program, client, start, "America/Chicago", Instant.now());
        publish(topics.sessions(), client, fine);

        assertThat(awaitReminders(fine.getBookingId(), 2)).isNotEmpty();
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.sessions() + ".DLT", client, 2);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an avro event");
        assertThat(new String(dead.get(1).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("ends before it starts");
    }

    @Autowired
    JdbcClient jdbc;

    /** The type-routed program listener: a record it can never apply goes to the DLT, the next one is applied. */
    @Test
    void program_events_that_cannot_be_applied_go_to_the_dlt_and_the_next_one_applies() {
        String program = id();
        publishRaw(topics.programs(), program, "not an avro event".getBytes(StandardCharsets.UTF_8));
        publish(topics.programs(), program, ProgramConfigured.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setProgramId(program).setTimeZone("Mars/Olympus_Mons")
                .setLocationLabel("Suite 200").setPhone("+12125550188").setName(PROGRAM_NAME).build());
        programConfigured(program, "America/Chicago");

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT time_zone FROM program WHERE program_id = ?")
                .param(program).query(String.class).optional().isPresent());
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.programs() + ".DLT", program, 2);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an avro event");
        assertThat(new String(dead.get(1).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("unknown time zone");
    }

    /** The type-routed follow-up listener: the same on the attendance topic. */
    @Test
    void attendance_events_that_cannot_be_applied_go_to_the_dlt_and_the_next_one_applies() {
        String program = programConfigured("America/Chicago");
        String client = id();
        String booking = id();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        publishRaw(topics.attendance(), client, "not an avro event".getBytes(StandardCharsets.UTF_8));
        publish(topics.attendance(), client, SessionMissed.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(client).setProgramId(program).setBookingId(booking).setSessionId(id())
                .setSessionType(SessionType.GROUP).setBlock(Block.EVENING).setStartsAt(start)
                .setEndsAt(start.plus(Duration.ofHours(3))).setTimeZone("Mars/Olympus_Mons")
                .setReason(MissedReason.NO_SHOW).setAutomatic(true).setRevision(1).setRecordedBy("system").build());
        publish(topics.attendance(), client, SessionAttended.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setClientId(client).setProgramId(program).setBookingId(booking)
                .setSessionId(id()).setSessionType(SessionType.GROUP).setBlock(Block.EVENING).setStartsAt(start)
                .setEndsAt(start.plus(Duration.ofHours(3))).setTimeZone("America/Chicago").setCheckedInAt(start)
                .setCheckedOutAt(start.plus(Duration.ofHours(3))).setAttendedMinutes(180)
                .setRevision(2).setRecordedBy("staff").build());

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT outcome FROM attendance_outcome WHERE booking_id = ?").param(booking).query(String.class)
                .optional().filter("ATTENDED"::equals).isPresent());
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.attendance() + ".DLT", client, 2);
        assertThat(dead).hasSize(2);
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an avro event");
        assertThat(new String(dead.get(1).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("unknown time zone");
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
