package org.openiop.notification.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.events.EventTopics;
import org.openiop.events.HoldAnswer;
import org.openiop.events.HoldOutcome;
import org.openiop.events.WaitlistHoldAnswered;
import org.openiop.events.WaitlistHoldEnded;
import org.openiop.events.WaitlistSeatHeld;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.notification.IntegrationTest;
import org.openiop.notification.delivery.TemplatesPrivacyTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Held seats on the client's side through the real broker: scheduling's WaitlistSeatHeld becomes one privacy-safe
 * text with the client's link and deadline (a duplicate delivery sends nothing more) and a copy on their page; their
 * answer goes back as WaitlistHoldAnswered; WaitlistHoldEnded closes the copy; a hold that can never be applied goes
 * to the dead-letter topic.
 */
class ClientHoldsTest extends IntegrationTest {

    private static final String NEW_YORK = "America/New_York";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcClient jdbc;

    record Answer(int status, JsonNode body) {
    }

    @Test
    void aHeldSeatIsTextedOnceShownWithItsDeadlineAndTheAnswerTravelsBack() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "hold-" + client.substring(0, 8) + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        WaitlistSeatHeld held = held(program, client, start, Instant.now().plus(2, ChronoUnit.HOURS));
        publish(topics.of(EventTopics.OFFERS), client, held);
        publish(topics.of(EventTopics.OFFERS), client, held); // delivered twice

        MimeMessage mail = awaitEmails(email, 1).get(0);
        String text = text(mail);
        assertThat(mail.getSubject()).isEqualTo("A place has opened for you");
        assertThat(text).contains("A place has opened for you on").contains("We are keeping it for you until")
                .contains("/c/");
        String plain = Normalizer.normalize(mail.getSubject() + " " + text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        for (String word : TemplatesPrivacyTest.DENIED) {
            assertThat(plain).as("'%s' in the held-seat text", word).doesNotContainPattern("\\b" + word);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(emailsTo(email)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE reference = :e").param("e", held.getEntryId())
                .query(Long.class).single()).isEqualTo(1);

        String token = issue(client);
        String other = issue(id());
        JsonNode hold = hold(token);
        assertThat(hold.path("status").asString()).isEqualTo("HELD");
        assertThat(hold.path("place").asString()).isEqualTo("Suite 200, 15 Elm Street");
        assertThat(Instant.parse(hold.path("heldUntil").asString())).isEqualTo(held.getHeldUntil());
        assertThat(hold.toString()).doesNotContain("sessionId").doesNotContain(program);
        String path = "/api/client-portal/holds/" + held.getEntryId() + "/answer";

        assertThat(asClient(other, HttpMethod.POST, path, Map.of("answer", "ACCEPT")).status()).isEqualTo(404);
        Answer bad = asClient(token, HttpMethod.POST, path, Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("answer");
        assertThat(outbox(client, WaitlistHoldAnswered.class)).isEmpty();

        Answer accepted = asClient(token, HttpMethod.POST, path, Map.of("answer", "ACCEPT"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(list(accepted.body()).get(0).path("status").asString()).isEqualTo("PENDING");
        assertThat(asClient(token, HttpMethod.POST, path, Map.of("answer", "DECLINE")).body().path("code")
                .asString()).isEqualTo("hold-pending");
        List<WaitlistHoldAnswered> sent = outbox(client, WaitlistHoldAnswered.class);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getAnswer()).isEqualTo(HoldAnswer.ACCEPT);
        assertThat(sent.get(0).getEntryId()).isEqualTo(held.getEntryId());
        assertThat(sent.get(0).getAnsweredBy()).startsWith("client-link:");

        publish(topics.of(EventTopics.OFFERS), client, ended(held, HoldOutcome.BOOKED));
        await().atMost(Duration.ofSeconds(20)).until(() -> "BOOKED".equals(hold(token).path("status").asString()));
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'waitlist-hold'
                  AND action = 'CHANGE'""").param("c", client).query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void anExpiredHoldRefusesTheAnswerWithAClearMessage() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        WaitlistSeatHeld held = held(program, client, Instant.now().plus(1, ChronoUnit.DAYS),
                Instant.now().plus(1, ChronoUnit.HOURS));
        publish(topics.of(EventTopics.OFFERS), client, held);
        String token = issue(client);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !list(asClient(token, HttpMethod.GET, "/api/client-portal/holds", null).body()).isEmpty());
        publish(topics.of(EventTopics.OFFERS), client, ended(held, HoldOutcome.EXPIRED));
        await().atMost(Duration.ofSeconds(20)).until(() -> "EXPIRED".equals(hold(token).path("status").asString()));

        Answer late = asClient(token, HttpMethod.POST, "/api/client-portal/holds/" + held.getEntryId() + "/answer",
                Map.of("answer", "ACCEPT"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().path("code").asString()).isEqualTo("hold-closed");
        assertThat(late.body().path("detail").asString())
                .isEqualTo("This place is no longer held for you. Please call us to find another time.");
        assertThat(outbox(client, WaitlistHoldAnswered.class)).isEmpty();
    }

    @Test
    void aHoldWithNoTimeToAnswerGoesToTheDeadLetterTopic() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        WaitlistSeatHeld impossible = WaitlistSeatHeld.newBuilder(held(program, client, now.plus(1, ChronoUnit.DAYS),
                now.minus(1, ChronoUnit.HOURS))).build();
        publish(topics.of(EventTopics.OFFERS), client, impossible);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.of(EventTopics.OFFERS) + ".DLT", client);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("no time to answer");
        assertThat(jdbc.sql("SELECT count(*) FROM waitlist_hold WHERE client_id = :c").param("c", client)
                .query(Long.class).single()).isZero();
    }

    private static WaitlistSeatHeld held(String program, String client, Instant start, Instant until) {
        return WaitlistSeatHeld.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setEntryId(id()).setClientId(client)
                .setProgramId(program).setSessionId(id()).setSessionStartsAt(start)
                .setSessionEndsAt(start.plus(3, ChronoUnit.HOURS)).setTimeZone(NEW_YORK)
                .setHeldUntil(until.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    private static WaitlistHoldEnded ended(WaitlistSeatHeld held, HoldOutcome outcome) {
        return WaitlistHoldEnded.newBuilder().setEventId(id()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setEntryId(held.getEntryId()).setClientId(held.getClientId()).setProgramId(held.getProgramId())
                .setOutcome(outcome).setBookingId(outcome == HoldOutcome.BOOKED ? id() : null)
                .setEndedBy(outcome == HoldOutcome.BOOKED ? "client" : "system").build();
    }

    private JsonNode hold(String token) {
        return list(asClient(token, HttpMethod.GET, "/api/client-portal/holds", null).body()).get(0);
    }

    private <T extends SpecificRecord> List<T> outbox(String key, Class<T> type) {
        AvroEventDeserializer decoder = new AvroEventDeserializer();
        return jdbc.sql("SELECT payload FROM outbox WHERE message_key = :k ORDER BY id").param("k", key)
                .query((rs, n) -> decoder.decode(rs.getBytes("payload"))).list().stream()
                .filter(type::isInstance).map(type::cast).toList();
    }

    private String issue(String clientId) {
        Map<String, Object> link = staff().post().uri("/api/clients/{id}/client-links", clientId).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (String) link.get("token");
    }

    private Answer asClient(String token, HttpMethod method, String path, Object body) {
        RestClient.RequestBodySpec spec = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build()
                .method(method).uri(path).header("X-Client-Link", token);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                JSON.readTree(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8))));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
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
