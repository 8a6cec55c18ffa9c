package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Faults injected at the consumer: duplicate delivery, a poison record, an event the consumer rejects. */
@SpringBootTest(classes = BackboneTestApplication.class)
class ConsumerBackboneTest {

    @Autowired TopicNames topics;
    @Autowired JdbcClient jdbc;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;
    @Autowired IopProperties iop;

    private KafkaProducer<String, byte[]> producer;
    private final AvroEventSerializer serializer = new AvroEventSerializer();

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() throws Exception {
        String client = UUID.randomUUID().toString();
        SessionScheduled event = TestEvents.scheduled(client, "twice-" + UUID.randomUUID());
        SessionScheduled marker = TestEvents.scheduled(client, "marker-" + UUID.randomUUID());

        send(client, serializer.serialize("t", event));
        send(client, serializer.serialize("t", event));
        send(client, serializer.serialize("t", marker));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(marker.getBookingId()) == 1);
        assertThat(applied(event.getBookingId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :e")
                .param("e", event.getEventId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsStillApplied() throws Exception {
        String client = UUID.randomUUID().toString();
        SessionScheduled next = TestEvents.scheduled(client, "after-poison-" + UUID.randomUUID());

        send(client, "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));
        send(client, serializer.serialize("t", next));

        await().atMost(Duration.ofSeconds(20)).until(() -> applied(next.getBookingId()) == 1);
        ConsumerRecord<String, byte[]> dead = deadLetterFor(client);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"not\":\"avro\"}");
        assertThat(header(dead, "iop-dlt-reason")).contains("UndecodableEventException")
                .contains("Not an Avro single-object encoded event");
        assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(topics.sessions());
    }

    @Test
    void anEventTheConsumerRejectsGoesToTheDeadLetterTopicWithoutRetries() throws Exception {
        String client = UUID.randomUUID().toString();
        SessionScheduled rejected = TestEvents.scheduled(client, "reject-" + UUID.randomUUID());

        send(client, serializer.serialize("t", rejected));

        ConsumerRecord<String, byte[]> dead = deadLetterFor(client);
        assertThat(header(dead, "kafka_dlt-exception-message")).contains("cannot be applied");
        assertThat(applied(rejected.getBookingId())).isZero();
    }

    @Test
    void anEventArrivingWhileTheDatabaseIsDownWaitsForItInsteadOfGoingToTheDeadLetterTopic() throws Exception {
        String client = UUID.randomUUID().toString();
        SessionScheduled event = TestEvents.scheduled(client, "outage-" + UUID.randomUUID());
        SessionScheduled next = TestEvents.scheduled(client, "after-outage-" + UUID.randomUUID());
        // twice as many failures as the retries an event that cannot be applied gets before the DLT
        BackboneTestApplication.DATABASE_DOWN_FOR.set(2 * iop.consumer().retries() + 1);

        send(client, serializer.serialize("t", event));
        send(client, serializer.serialize("t", next));

        await().atMost(Duration.ofSeconds(60)).until(() -> applied(next.getBookingId()) == 1);
        assertThat(applied(event.getBookingId())).isEqualTo(1);
        assertThat(BackboneTestApplication.DATABASE_DOWN_FOR.get()).isNegative();
        // the outage left nothing on the dead-letter topic for this client (a marker sent there proves it was read)
        producer.send(new ProducerRecord<>(topics.sessions() + ".DLT", client, "marker".getBytes(StandardCharsets.UTF_8)))
                .get();
        List<ConsumerRecord<String, byte[]>> dlt = KafkaProbe.readUntil(bootstrap, topics.sessions() + ".DLT",
                r -> r.stream().anyMatch(x -> client.equals(x.key())), Duration.ofSeconds(30));
        assertThat(dlt.stream().filter(x -> client.equals(x.key())).map(x -> new String(x.value(), StandardCharsets.UTF_8)))
                .containsExactly("marker");
    }

    private ConsumerRecord<String, byte[]> deadLetterFor(String client) {
        List<ConsumerRecord<String, byte[]>> dlt = KafkaProbe.readUntil(bootstrap, topics.sessions() + ".DLT",
                r -> r.stream().anyMatch(x -> client.equals(x.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, byte[]> found = dlt.stream().filter(x -> client.equals(x.key())).findFirst().orElseThrow();
        return found;
    }

    private void send(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topics.sessions(), key, value)).get();
    }

    private long applied(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM applied_booking WHERE booking_id = :b").param("b", bookingId)
                .query(Long.class).single();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
