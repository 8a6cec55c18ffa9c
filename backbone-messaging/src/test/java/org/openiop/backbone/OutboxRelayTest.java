package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = BackboneTestApplication.class)
class OutboxRelayTest {

    @Autowired OutboxWriter outbox;
    @Autowired TransactionTemplate transactions;
    @Autowired TopicNames topics;
    @Autowired JdbcClient jdbc;
    @Autowired ObservationRegistry observations;
    @Autowired Tracer tracer;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void anEventCommittedWithItsChangeIsPublishedKeyedByClientWithItsIdInTheHeaders() {
        String client = UUID.randomUUID().toString();
        SessionScheduled event = TestEvents.scheduled(client, "b-" + UUID.randomUUID());

        transactions.executeWithoutResult(tx -> outbox.append(event));

        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.readUntil(bootstrap, topics.sessions(),
                r -> r.stream().anyMatch(x -> client.equals(x.key())), Duration.ofSeconds(20));
        ConsumerRecord<String, byte[]> record = records.stream().filter(x -> client.equals(x.key())).findFirst().orElseThrow();
        assertThat(new AvroEventDeserializer().deserialize(record.topic(), record.value())).isEqualTo(event);
        assertThat(new String(record.headers().lastHeader("iop-event-id").value(), StandardCharsets.UTF_8))
                .isEqualTo(event.getEventId());
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single())
                .isZero();
    }

    @Test
    void aRolledBackChangePublishesNothing() {
        String client = UUID.randomUUID().toString();
        SessionScheduled doomed = TestEvents.scheduled(client, "doomed");
        SessionScheduled kept = TestEvents.scheduled(client, "kept");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            outbox.append(doomed);
            throw new IllegalStateException("the booking rule refused it");
        })).isInstanceOf(IllegalStateException.class);
        transactions.executeWithoutResult(tx -> outbox.append(kept));

        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.readUntil(bootstrap, topics.sessions(),
                r -> r.stream().anyMatch(x -> client.equals(x.key())), Duration.ofSeconds(20));
        assertThat(records.stream().filter(x -> client.equals(x.key()))
                .map(x -> ((SessionScheduled) new AvroEventDeserializer().deserialize("t", x.value())).getBookingId()))
                .containsExactly("kept");
    }

    @Test
    void theTraceOfTheChangeContinuesInTheConsumerAcrossTheOutboxAndKafka() {
        String booking = "traced-" + UUID.randomUUID();
        Observation observation = Observation.start("test.booking.request", observations);
        String traceId;
        try (Observation.Scope scope = observation.openScope()) {
            traceId = tracer.currentSpan().context().traceId();
            transactions.executeWithoutResult(tx -> outbox.append(TestEvents.scheduled(UUID.randomUUID().toString(), booking)));
        } finally {
            observation.stop();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc
                .sql("SELECT trace_id FROM applied_booking WHERE booking_id = :b").param("b", booking)
                .query(String.class).optional()).contains(traceId));
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(TestEvents.scheduled("c", "b")))
                .hasMessageContaining("transaction");
    }
}
