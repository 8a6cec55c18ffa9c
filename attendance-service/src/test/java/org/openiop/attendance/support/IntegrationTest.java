package org.openiop.attendance.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openiop.attendance.AttendanceApplication;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.EventTopics;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Spring context for every integration test of this module (a real broker and a real PostgreSQL from
 * test-support); tests isolate themselves with fresh program, client and booking ids.
 */
@SpringBootTest(classes = AttendanceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Look for due no-shows and closing weeks often, so tests wait milliseconds rather than minutes.
        properties = { "attendance.no-show.sweep-every=300ms", "attendance.compliance.close-check-every=500ms",
                // no scheduling-service here: exports carry identifiers and say the name is unavailable (the
                // end-to-end LateEntryE2eTest reads the names scheduling gives)
                "attendance.evidence.scheduling-url=" })
public abstract class IntegrationTest {

    protected static final ZoneId ZONE = ZoneId.of(TestEvents.ZONE);
    protected static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KafkaProducer<String, byte[]> producer;
    private static final AvroEventSerializer SERIALIZER = new AvroEventSerializer();

    @LocalServerPort protected int port;
    @Autowired protected TopicNames topics;
    @Autowired protected JdbcClient jdbc;
    @Value("${spring.kafka.bootstrap-servers}") protected String bootstrap;

    @BeforeAll
    static void noProducerYet() {
        producer = null;
    }

    @AfterAll
    static void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Local time in the test program's zone. */
    protected static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    /** Monday of the week {@code weeks} from now (negative: in the past). */
    protected static LocalDate monday(int weeks) {
        return LocalDate.now(ZONE).with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .plusWeeks(weeks);
    }

    /** Publishes events as their producer would: Avro single-object bytes, keyed by client (or program). */
    /** A client's morning block (09:00-12:00 local) on that day, published as SessionScheduled. */
    protected SessionScheduled publishMorningBlock(String clientId, String programId, LocalDate day) {
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), at(day, 9, 0), at(day, 12, 0));
        publish(s);
        return s;
    }

    protected void publish(SpecificRecord... events) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.ACKS_CONFIG, "all"));
        }
        try {
            for (SpecificRecord event : events) {
                String topic = topics.of(EventTopics.topicOf(event.getClass()));
                var clientField = event.getSchema().getField("clientId");
                String key = String.valueOf(event.get(clientField != null ? clientField.pos()
                        : event.getSchema().getField("programId").pos()));
                producer.send(new ProducerRecord<>(topic, key, SERIALIZER.serialize(topic, event))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes raw bytes as they are, e.g. a record no deserializer can read. */
    protected void publishRaw(String topic, String key, byte[] value) {
        publish();
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected Response get(String path, String user) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), user);
    }

    protected Response post(String path, String user, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), user);
    }

    protected Response post(String path, String user, Object body) {
        return post(path, user, JSON.writeValueAsString(body));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response send(HttpRequest.Builder request, String user) {
        String password = "iop-" + user;
        request.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Configures a program and waits until the recording side applied it, so bookings published afterwards get
     * its no-show grace (a long grace lets a test record past sessions by hand before the automatic no-show).
     */
    protected void configureProgram(String programId, int noShowGraceMinutes) {
        publish(TestEvents.program(programId, "MONDAY", noShowGraceMinutes));
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql(
                "SELECT count(*) FROM booking_program WHERE program_id = :p AND no_show_grace_minutes = :g")
                .param("p", programId).param("g", noShowGraceMinutes).query(Long.class).single() == 1);
    }

    /** Waits until the recording side knows the booking (it arrives through iop.sessions.v1). */
    protected void awaitBooking(String bookingId) {
        await().atMost(Duration.ofSeconds(45)).until(() -> get("/api/bookings/" + bookingId + "/attendance",
                "staff").status() == 200);
    }

    /** The client's row in the program week view, once it satisfies the condition. */
    protected JsonNode awaitWeek(String programId, LocalDate weekStart, String clientId,
            java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(45)).until(() -> {
            Response r = get("/api/programs/" + programId + "/compliance/weeks/" + weekStart, "officer");
            if (r.status() != 200) {
                return false;
            }
            for (JsonNode c : r.json().get("clients")) {
                if (c.get("clientId").asString().equals(clientId) && condition.test(c)) {
                    found[0] = c;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public record Response(int status, String body, String contentType) {

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
