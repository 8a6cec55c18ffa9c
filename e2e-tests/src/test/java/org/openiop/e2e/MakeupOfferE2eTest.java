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
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's offers across the running services: staff send an AT_RISK week's options; notification-service keeps
 * them for the client's page; the client chooses one with their signed link; scheduling books it through the booking
 * rules and the reminders follow. Two clients choosing the last seat at once: one is booked, the other is shown the
 * next option. Nothing on the offers topic names the client or what the appointments are about.
 */
@ExtendWith(PlatformExtension.class)
class MakeupOfferE2eTest {

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
    private final Api attendance = new Api(platform.attendance, "staff", "iop-staff");
    private final Api officer = new Api(platform.attendance, "officer", "iop-officer");
    private final Api notification = new Api(platform.notification, "staff", "iop-staff");
    private final LocalDate monday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @Test
    void anOfferAcceptedOnTheClientsPageBooksTheSessionAndTheRemindersFollow() throws Exception {
        String program = program("Offer program");
        String client = enrol(program, "Quinta Offerwell");
        atRisk(program, client);
        String wednesday = session(program, monday.plusDays(2), "MORNING", 8);
        String thursday = session(program, monday.plusDays(3), "EVENING", 8);
        String token = link(client);

        String offer = sendOffer(client);
        JsonNode copy = awaitOffer(token, offer, "OPEN");
        assertThat(copy.path("options")).hasSize(2);

        assertThat(choose(token, offer, 2).statusCode()).isEqualTo(202);
        awaitOffer(token, offer, "ACCEPTED");
        Map<String, Object> accepted = scheduling.get("/api/makeup-offers/" + offer);
        assertThat(accepted.get("status")).isEqualTo("ACCEPTED");
        assertThat(((Number) scheduling.get("/api/sessions/" + thursday).get("seatsUsed")).intValue()).isEqualTo(1);
        assertThat(((Number) scheduling.get("/api/sessions/" + wednesday).get("seatsUsed")).intValue()).isZero();
        // the booking reaches notification-service like any other: its reminders are planned, and it is on the page
        String bookingId = bookingOf(accepted, 2);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                notification.getList("/api/bookings/" + bookingId + "/reminders")).isNotEmpty());
        JsonNode appointments = asClient(token, "GET", "/api/client-portal/appointments", null);
        assertThat(appointments.toString()).contains(bookingId);
        // the compliance projection sees the seat: the week is on track again
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> "ON_TRACK".equals(week(program, client)
                .get("status")));
    }

    @Test
    void twoClientsAcceptingTheLastSeatAtOnceOneIsBookedTheOtherIsShownTheNextOption() throws Exception {
        String program = program("Last seat program");
        String first = enrol(program, "Rhea Firstchoice");
        String second = enrol(program, "Sol Secondchoice");
        atRisk(program, first);
        atRisk(program, second);
        String lastSeat = session(program, monday.plusDays(2), "MORNING", 1);
        String later = session(program, monday.plusDays(4), "MORNING", 8);
        String firstToken = link(first);
        String secondToken = link(second);
        String firstOffer = sendOffer(first);
        String secondOffer = sendOffer(second);
        awaitOffer(firstToken, firstOffer, "OPEN");
        awaitOffer(secondToken, secondOffer, "OPEN");

        CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> choose(firstToken, firstOffer, 1));
        CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> choose(secondToken, secondOffer, 1));
        assertThat(a.get().statusCode()).isEqualTo(202);
        assertThat(b.get().statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !"PENDING".equals(offerOf(firstToken, firstOffer)
                .path("status").asString()) && !"PENDING".equals(offerOf(secondToken, secondOffer).path("status").asString()));
        assertThat(((Number) scheduling.get("/api/sessions/" + lastSeat).get("seatsUsed")).intValue()).isEqualTo(1);
        JsonNode one = offerOf(firstToken, firstOffer);
        JsonNode two = offerOf(secondToken, secondOffer);
        assertThat(List.of(one.path("status").asString(), two.path("status").asString()))
                .containsExactlyInAnyOrder("ACCEPTED", "OPEN");
        boolean firstWon = "ACCEPTED".equals(one.path("status").asString());
        JsonNode loser = firstWon ? two : one;
        assertThat(loser.path("lastRefusal").asString()).isEqualTo("SEAT_TAKEN");
        assertThat(loser.path("options").get(0).path("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(loser.path("options").get(1).path("status").asString()).isEqualTo("OPEN");

        // the next option, chosen, books
        String loserToken = firstWon ? secondToken : firstToken;
        String loserOffer = firstWon ? secondOffer : firstOffer;
        assertThat(choose(loserToken, loserOffer, 2).statusCode()).isEqualTo(202);
        awaitOffer(loserToken, loserOffer, "ACCEPTED");
        assertThat(((Number) scheduling.get("/api/sessions/" + later).get("seatsUsed")).intValue()).isEqualTo(1);

        List<String> records = offerRecords();
        assertThat(records).hasSizeGreaterThanOrEqualTo(6);
        for (String word : List.of("Firstchoice", "Secondchoice", "Rhea", "GROUP", "MORNING", "Last seat program")) {
            assertThat(records).as("offer events mentioning " + word).noneMatch(r -> r.contains(word));
        }
    }

    private void atRisk(String program, String client) {
        String morning = session(program, monday, "MORNING", 8);
        String evening = session(program, monday, "EVENING", 8);
        attend(morning, client, 9);
        attend(evening, client, 18);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> "AT_RISK".equals(week(program, client)
                .get("status")));
    }

    private String sendOffer(String client) {
        return (String) scheduling.post("/api/clients/" + client + "/makeup-offers", Map.of("week", monday.toString(),
                "attendedMinutes", 360, "scheduledMinutes", 0)).get("id");
    }

    @SuppressWarnings("unchecked")
    private static String bookingOf(Map<String, Object> offer, int number) {
        return ((List<Map<String, Object>>) offer.get("options")).stream()
                .filter(o -> ((Number) o.get("number")).intValue() == number).findFirst()
                .map(o -> (String) ((List<Map<String, Object>>) o.get("sessions")).get(0).get("bookingId"))
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> week(String program, String client) {
        Map<String, Object> week = officer.get("/api/programs/" + program + "/compliance/weeks/" + monday);
        return ((List<Map<String, Object>>) week.get("clients")).stream()
                .filter(c -> client.equals(c.get("clientId"))).findFirst().orElseThrow();
    }

    private String program(String name) {
        return (String) admin.post("/api/programs", Map.of("name", name, "timeZone", NEW_YORK.getId(),
                "locationLabel", "Riverside Center", "phone", "+12125550100")).get("id");
    }

    private String enrol(String program, String name) {
        return (String) scheduling.post("/api/programs/" + program + "/enrolments", Map.of("displayName", name,
                "dateOfBirth", "1985-01-01", "admissionDate", monday.minusWeeks(2).toString())).get("clientId");
    }

    private String session(String program, LocalDate day, String block, int capacity) {
        return (String) scheduling.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", day.toString(), "block", block, "capacity", capacity)).get("id");
    }

    private void attend(String session, String client, int hour) {
        String booking = (String) scheduling.post("/api/sessions/" + session + "/bookings", Map.of("clientId", client))
                .get("id");
        ZonedDateTime start = ZonedDateTime.of(monday, LocalTime.of(hour, 0), NEW_YORK);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> attendance.post(
                "/api/bookings/" + booking + "/attendance", Map.of("checkedInAt", start.toInstant().toString(),
                        "checkedOutAt", start.plusHours(3).toInstant().toString())), body -> body != null);
    }

    private String link(String client) {
        return (String) notification.post("/api/clients/" + client + "/client-links", Map.of()).get("token");
    }

    private JsonNode awaitOffer(String token, String offer, String status) {
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> offerOf(token, offer),
                o -> status.equals(o.path("status").asString()));
    }

    private JsonNode offerOf(String token, String offer) throws Exception {
        for (JsonNode o : asClient(token, "GET", "/api/client-portal/offers", null)) {
            if (offer.equals(o.path("offerId").asString())) {
                return o;
            }
        }
        throw new IllegalStateException("offer " + offer + " not on the client's page yet");
    }

    private HttpResponse<String> choose(String token, String offer, int option) {
        try {
            return send(token, "POST", "/api/client-portal/offers/" + offer + "/choice", Map.of("option", option));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode asClient(String token, String method, String path, Object body) throws Exception {
        return JSON.readTree(send(token, method, path, body).body());
    }

    private HttpResponse<String> send(String token, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.notification + path))
                .header("X-Client-Link", token).header("Accept", "application/json");
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Every record on this platform's offers topic, as text. */
    private static List<String> offerRecords() {
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "offer-scan-" + UUID.randomUUID(),
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
