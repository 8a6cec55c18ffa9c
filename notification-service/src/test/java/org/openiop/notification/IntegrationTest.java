package org.openiop.notification;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.Block;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * One Spring context for every integration test of the module (same configuration, so it is cached): a real SMTP
 * server (GreenMail) and a stub of the SMS provider (WireMock) for the whole run, a clock tests can move, and helpers
 * to publish real Avro events and call the API. Tests isolate themselves with fresh ids and addresses.
 */
@SpringBootTest(classes = { NotificationApplication.class, IntegrationTest.TestClock.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final GreenMail SMTP = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    protected static final WireMockServer SMS_PROVIDER = new WireMockServer(
            WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    protected static final String ACCOUNT = "AC" + "1".repeat(32);
    protected static final String AUTH_TOKEN = "test-token";
    protected static final String SMS_FROM = "+15005550006";
    /** The name every test program gets: alerts to staff and officers carry it. */
    protected static final String PROGRAM_NAME = "Riverside evening";
    protected static final String SMS_PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    static {
        SMTP.start();
        SMS_PROVIDER.start();
    }

    @DynamicPropertySource
    static void sinks(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("iop.notification.sms.base-url", SMS_PROVIDER::baseUrl);
        registry.add("iop.notification.sms.account-sid", () -> ACCOUNT);
        registry.add("iop.notification.sms.auth-token", () -> AUTH_TOKEN);
        registry.add("iop.notification.sms.from", () -> SMS_FROM);
        registry.add("iop.notification.dispatch.poll-interval", () -> "100ms");
        registry.add("iop.notification.dispatch.initial-backoff", () -> "200ms");
        registry.add("iop.notification.dispatch.max-backoff", () -> "1s");
        registry.add("iop.notification.dispatch.details-wait", () -> "1s");
        registry.add("iop.notification.defaults.staff-alert-emails", () -> "");
        registry.add("iop.notification.digest-check-interval", () -> "1h");
    }

    /** The service's clock, offset from real time by what a test sets. */
    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    public static final class MovableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        public void setNow(Instant now) {
            offset.set(Duration.between(Instant.now(), now));
        }

        public void reset() {
            offset.set(Duration.ZERO);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }
    }

    @Autowired
    protected MovableClock clock;
    @Autowired
    protected TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrap;
    @LocalServerPort
    protected int port;
    @Autowired
    private org.springframework.jdbc.core.simple.JdbcClient programTable;

    private static KafkaProducer<String, byte[]> producer;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A valid, unique New York mobile-format number, so each test finds its own requests at the provider stub. */
    protected static String phone() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return "+1212" + r.nextInt(200, 1000) + String.format("%04d", r.nextInt(10000));
    }

    protected static String id() {
        return UUID.randomUUID().toString();
    }

    protected void publish(String topic, String key, SpecificRecord event) {
        publishRaw(topic, key, new AvroEventSerializer().serialize(topic, event));
    }

    protected void publishRaw(String topic, String key, byte[] value) {
        synchronized (IntegrationTest.class) {
            if (producer == null) {
                Properties config = new Properties();
                config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                config.put(ProducerConfig.ACKS_CONFIG, "all");
                producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
            }
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected String programConfigured(String zone) {
        return programConfigured(id(), zone);
    }

    protected String programConfigured(String programId, String zone) {
        publish(topics.programs(), programId, ProgramConfigured.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setProgramId(programId).setTimeZone(zone)
                .setLocationLabel("Suite 200, 15 Elm Street").setPhone("+12125550188").setName(PROGRAM_NAME).build());
        // The programs topic has its own listener: the event a test publishes next (on another topic) must not overtake
        // the program it names. It did when a test class ran first in a fresh JVM, before the programs consumer had
        // its partitions: FollowUpTest's alerts read "(name not known yet)".
        await().atMost(Duration.ofSeconds(30)).until(() -> programTable.sql(
                "SELECT count(*) FROM program WHERE program_id = :p AND time_zone = :z AND name = :n")
                .param("p", programId).param("z", zone).param("n", PROGRAM_NAME).query(Long.class).single() == 1);
        return programId;
    }

    protected SessionScheduled scheduled(String programId, String clientId, Instant startsAt, String zone,
            Instant occurredAt) {
        return SessionScheduled.newBuilder().setEventId(id()).setOccurredAt(occurredAt).setClientId(clientId)
                .setProgramId(programId).setBookingId(id()).setSessionId(id()).setSessionType(SessionType.GROUP)
                .setBlock(Block.MORNING).setStartsAt(startsAt).setEndsAt(startsAt.plus(Duration.ofHours(3)))
                .setTimeZone(zone).build();
    }

    protected RestClient api(String user, String password) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    protected RestClient staff() {
        return api("staff", "iop-staff");
    }

    protected void contact(String clientId, Map<String, Object> body) {
        staff().put().uri("/api/clients/{id}/contact", clientId).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity();
    }

    protected static Map<String, Object> emailContact(String email, String language, String timeZone) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "channels", List.of("EMAIL"),
                "consent", Map.of("EMAIL", true), "language", language));
        if (timeZone != null) {
            body.put("timeZone", timeZone);
        }
        return body;
    }

    protected List<Map<String, Object>> reminders(String bookingId) {
        return staff().get().uri("/api/bookings/{id}/reminders", bookingId).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
    }

    /** Waits for the booking to be known (its reminders endpoint answers) and returns its reminders. */
    protected List<Map<String, Object>> awaitReminders(String bookingId, int count) {
        AtomicReference<List<Map<String, Object>>> found = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            found.set(reminders(bookingId));
            return found.get().size() >= count;
        });
        return found.get();
    }

    protected static List<MimeMessage> emailsTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients())
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    protected static List<MimeMessage> awaitEmails(String address, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> emailsTo(address).size() >= count);
        return emailsTo(address);
    }

    /** The plain-text body of an email. */
    protected static String text(MimeMessage message) {
        try {
            return find(message.getContent(), "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/calendar attachment of an email, or null. */
    protected static String calendar(MimeMessage message) {
        try {
            return find(message.getContent(), "text/calendar");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    Object c = part.getContent();
                    return c instanceof java.io.InputStream in
                            ? new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8) : c.toString();
                }
                String nested = find(part.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
            return null;
        }
        return "text/plain".equals(type) && content instanceof String s ? s : null;
    }
}
