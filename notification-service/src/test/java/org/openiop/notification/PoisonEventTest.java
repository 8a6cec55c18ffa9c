package org.openiop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.events.SessionScheduled;

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
