package org.openiop.notification.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.Block;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.notification.NotificationApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The local profile as deploy/local/start runs it: email to the embedded SMTP server, SMS to the in-service sink
 * through the real SMS sender, both browsable at /api/outbox/messages.
 */
@SpringBootTest(classes = NotificationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("local")
@ExtendWith(OutputCaptureExtension.class)
class LocalSinksTest {

    static final int HTTP_PORT = freePort();
    static final int SMTP_PORT = freePort();

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("iop.notification.local.smtp-port", () -> SMTP_PORT);
        registry.add("iop.notification.dispatch.poll-interval", () -> "200ms");
    }

    @Autowired
    TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    @SuppressWarnings("unchecked")
    void a_confirmation_lands_in_the_local_smtp_and_sms_sinks(CapturedOutput output) throws Exception {
        String program = UUID.randomUUID().toString();
        String client = UUID.randomUUID().toString();
        RestClient staff = RestClient.builder().baseUrl("http://127.0.0.1:" + HTTP_PORT)
                .defaultHeaders(h -> h.setBasicAuth("staff", "iop-staff")).build();
        staff.put().uri("/api/clients/{id}/contact", client).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "local@example.org", "phone", "+12125550177", "channels", List.of("EMAIL", "SMS"),
                        "consent", Map.of("EMAIL", true, "SMS", true), "language", "en"))
                .retrieve().toBodilessEntity();
        Instant start = Instant.now().plus(Duration.ofHours(1));
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            AvroEventSerializer avro = new AvroEventSerializer();
            producer.send(new ProducerRecord<>(topics.programs(), program, avro.serialize(topics.programs(),
                    ProgramConfigured.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setOccurredAt(Instant.now()).setProgramId(program).setTimeZone("America/New_York")
                            .setLocationLabel("Main office").setPhone("+12125550100").build()))).get();
            producer.send(new ProducerRecord<>(topics.sessions(), client, avro.serialize(topics.sessions(),
                    SessionScheduled.newBuilder().setEventId(UUID.randomUUID().toString())
                            .setOccurredAt(Instant.now()).setClientId(client).setProgramId(program)
                            .setBookingId(UUID.randomUUID().toString()).setSessionId(UUID.randomUUID().toString())
                            .setSessionType(SessionType.INDIVIDUAL).setBlock(Block.CUSTOM).setStartsAt(start)
                            .setEndsAt(start.plus(Duration.ofHours(1))).setTimeZone("America/New_York").build())))
                    .get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Map<String, Object>> messages = staff.get().uri("/api/outbox/messages").retrieve()
                    .body(new ParameterizedTypeReference<>() {
                    });
            assertThat(messages).anySatisfy(m -> {
                assertThat(m).containsEntry("channel", "EMAIL").containsEntry("to", "local@example.org")
                        .containsEntry("calendarAttached", true);
                // the message whole: the .ics as sent, parseable, in the program's zone
                net.fortuna.ical4j.model.Calendar ics = new net.fortuna.ical4j.data.CalendarBuilder()
                        .build(new java.io.StringReader((String) m.get("calendar")));
                assertThat(ics.getComponent("VTIMEZONE")).isPresent();
                assertThat(((String) m.get("calendar"))).contains("DTSTART;TZID=America/New_York:");
                assertThat((List<?>) m.get("attachments")).singleElement().satisfies(a -> assertThat((Map<String, Object>) a)
                        .containsEntry("contentType", "text/calendar").containsEntry("content", m.get("calendar")));
            });
            assertThat(messages).anySatisfy(m -> {
                assertThat(m).containsEntry("channel", "SMS").containsEntry("to", "+12125550177");
                assertThat((String) m.get("body")).startsWith("Appointment confirmed: ").contains("Main office");
            });
        });
        // The sinks keep what clients would receive, but no log line names a contact detail (GreenMail's own
        // INFO lines did name each recipient's address).
        assertThat(output.getAll()).doesNotContain("local@example.org").doesNotContain("2125550177");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
