package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's held seats across the running services: a cancelled seat is held for the first waiting client, whose
 * page (notification-service) shows it with its deadline; they decline with their signed link and the second client
 * gets the hold, accepts on their page, and scheduling books it; both pages show how it ended. Nothing on the offers
 * topic names a client or what the appointment is about.
 */
@ExtendWith(PlatformExtension.class)
class WaitlistHoldE2eTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    private final Api admin = new Api(platform.scheduling, "admin", "iop-admin");
    private final Api scheduling = new Api(platform.scheduling, "staff", "iop-staff");
    private final Api notification = new Api(platform.notification, "staff", "iop-staff");
    private final LocalDate tuesday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.TUESDAY));

    @Test
    void aDeclinedHoldGoesToTheNextClientWhoAcceptsItOnTheirPage() throws Exception {
        String program = (String) admin.post("/api/programs", Map.of("name", "Held seat program",
                "timeZone", NEW_YORK.getId(), "locationLabel", "Riverside Center", "phone", "+12125550100"))
                .get("id");
        String leaver = enrol(program, "Lou Leaver");
        String first = enrol(program, "Wren Firstwait");
        String second = enrol(program, "Xan Secondwait");
        String session = (String) scheduling.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", tuesday.toString(), "block", "MORNING", "capacity", 1)).get("id");
        String booking = (String) scheduling.post("/api/sessions/" + session + "/bookings",
                Map.of("clientId", leaver)).get("id");
        String firstEntry = (String) scheduling.post("/api/sessions/" + session + "/waitlist",
                Map.of("clientId", first)).get("id");
        String secondEntry = (String) scheduling.post("/api/sessions/" + session + "/waitlist",
                Map.of("clientId", second)).get("id");
        String firstToken = link(first);
        String secondToken = link(second);

        scheduling.post("/api/bookings/" + booking + "/cancel", Map.of());
        JsonNode held = awaitHold(firstToken, firstEntry, "HELD");
        // the deadline the client sees is scheduling's own
        assertThat(java.time.Instant.parse(held.path("heldUntil").asString())).isEqualTo(java.time.Instant.parse(
                (String) scheduling.get("/api/waitlist/" + firstEntry).get("heldUntil"))
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(held.path("place").asString()).isEqualTo("Riverside Center");

        assertThat(answer(firstToken, firstEntry, "DECLINE").statusCode()).isEqualTo(202);
        awaitHold(firstToken, firstEntry, "DECLINED");
        awaitHold(secondToken, secondEntry, "HELD");
        assertThat(answer(secondToken, secondEntry, "ACCEPT").statusCode()).isEqualTo(202);
        awaitHold(secondToken, secondEntry, "BOOKED");
        Map<String, Object> entry = scheduling.get("/api/waitlist/" + secondEntry);
        assertThat(entry.get("status")).isEqualTo("BOOKED");
        assertThat(((Number) scheduling.get("/api/sessions/" + session).get("seatsUsed")).intValue()).isEqualTo(1);
        // answered once: a second answer is refused with a plain message, nothing more is booked
        HttpResponse<String> again = answer(secondToken, secondEntry, "ACCEPT");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(again.body()).path("detail").asString()).contains("no longer held for you");

        List<String> records = offerRecords();
        assertThat(records).anyMatch(r -> r.contains(secondEntry));
        for (String word : List.of("Firstwait", "Secondwait", "Wren", "GROUP", "MORNING", "Held seat program")) {
            assertThat(records).as("hold events mentioning " + word).noneMatch(r -> r.contains(word));
        }
    }

    private String enrol(String program, String name) {
        return (String) scheduling.post("/api/programs/" + program + "/enrolments", Map.of("displayName", name,
                "dateOfBirth", "1985-01-01", "admissionDate", tuesday.minusWeeks(2).toString())).get("clientId");
    }

    private String link(String client) {
        return (String) notification.post("/api/clients/" + client + "/client-links", Map.of()).get("token");
    }

    private JsonNode awaitHold(String token, String entry, String status) {
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> holdOf(token, entry),
                h -> status.equals(h.path("status").asString()));
    }

    private JsonNode holdOf(String token, String entry) throws Exception {
        for (JsonNode h : JSON.readTree(send(token, "/api/client-portal/holds", null).body())) {
            if (entry.equals(h.path("entryId").asString())) {
                return h;
            }
        }
        throw new IllegalStateException("hold " + entry + " not on the client's page yet");
    }

    private HttpResponse<String> answer(String token, String entry, String answer) throws Exception {
        return send(token, "/api/client-portal/holds/" + entry + "/answer", Map.of("answer", answer));
    }

    private HttpResponse<String> send(String token, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.notification + path))
                .header("X-Client-Link", token).header("Accept", "application/json");
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Every record on this platform's offers topic, as text. */
    private static List<String> offerRecords() {
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "hold-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(platform.namespace + "iop.offers.v1"));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3_000) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                batch.forEach(r -> texts.add(new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        return texts;
    }
}
