package org.openiop.notification.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.openiop.events.EventTopics;
import org.openiop.events.MakeupOfferAccepted;
import org.openiop.events.MakeupOfferChosen;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOfferWithdrawn;
import org.openiop.events.MakeupOffered;
import org.openiop.events.OfferExpiryReason;
import org.openiop.events.OfferOption;
import org.openiop.events.OfferSession;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.notification.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Offers on the client's side through the real broker: scheduling's MakeupOffered becomes one privacy-safe text with
 * the client's link (a duplicate delivery changes nothing) and a copy on their page; their choice goes back as
 * MakeupOfferChosen; a seat taken meanwhile shows the remaining options again; the acceptance closes the offer.
 */
class ClientOffersTest extends IntegrationTest {

    private static final String NEW_YORK = "America/New_York";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired JdbcClient jdbc;

    record Answer(int status, JsonNode body) {
    }

    @Test
    void anOfferIsTextedOnceShownOnTheClientsPageAndTheirChoiceTravelsBack() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "offer-" + client.substring(0, 8) + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant first = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        MakeupOffered offered = offered(program, client, first);
        publish(topics.of(EventTopics.OFFERS), client, offered);
        publish(topics.of(EventTopics.OFFERS), client, offered); // delivered twice

        String text = text(awaitEmails(email, 1).get(0));
        assertThat(text).contains("New appointment times are open for you").contains("/c/")
                .doesNotContain("session", "program", "group", "therap", "treatment");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(emailsTo(email)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE reference = :o").param("o", offered.getOfferId())
                .query(Long.class).single()).isEqualTo(1);

        String token = issue(client);
        String other = issue(id());
        List<JsonNode> offers = list(asClient(token, HttpMethod.GET, "/api/client-portal/offers", null).body());
        assertThat(offers).hasSize(1);
        assertThat(offers.get(0).path("status").asString()).isEqualTo("OPEN");
        assertThat(offers.get(0).path("place").asString()).isEqualTo("Suite 200, 15 Elm Street");
        assertThat(offers.get(0).path("options")).hasSize(2);
        assertThat(offers.get(0).toString()).doesNotContain("sessionId").doesNotContain("GROUP");
        String path = "/api/client-portal/offers/" + offered.getOfferId() + "/choice";

        assertThat(asClient(other, HttpMethod.POST, path, Map.of("option", 1)).status()).isEqualTo(404);
        Answer bad = asClient(token, HttpMethod.POST, path, Map.of("option", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asString()).isEqualTo("option");

        Answer chose = asClient(token, HttpMethod.POST, path, Map.of("option", 1));
        assertThat(chose.status()).as(chose.toString()).isEqualTo(202);
        assertThat(list(chose.body()).get(0).path("status").asString()).isEqualTo("PENDING");
        assertThat(asClient(token, HttpMethod.POST, path, Map.of("option", 2)).body().path("code").asString())
                .isEqualTo("offer-closed");
        MakeupOfferChosen choice = outbox(client, MakeupOfferChosen.class).get(0);
        assertThat(choice.getOptionNumber()).isEqualTo(1);
        assertThat(choice.getChosenBy()).startsWith("client-link:");
        assertThat(outbox(client, MakeupOfferChosen.class)).hasSize(1);

        // scheduling found the seat taken: option 1 is gone, option 2 shown again
        publish(topics.of(EventTopics.OFFERS), client, MakeupOfferExpired.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setClientId(client).setProgramId(program)
                .setOfferId(offered.getOfferId()).setOptionNumbers(List.of(1)).setReason(OfferExpiryReason.SEAT_TAKEN)
                .setRemainingOptions(List.of(2)).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(offer(token).path("status").asString()));
        JsonNode again = offer(token);
        assertThat(again.path("lastRefusal").asString()).isEqualTo("SEAT_TAKEN");
        assertThat(again.path("options").get(0).path("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(asClient(token, HttpMethod.POST, path, Map.of("option", 1)).body().path("code").asString())
                .isEqualTo("option-unavailable");
        assertThat(asClient(token, HttpMethod.POST, path, Map.of("option", 2)).status()).isEqualTo(202);

        publish(topics.of(EventTopics.OFFERS), client, MakeupOfferAccepted.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setClientId(client).setProgramId(program)
                .setOfferId(offered.getOfferId()).setOptionNumber(2).setBookingIds(List.of(id())).build());
        await().atMost(Duration.ofSeconds(20)).until(() -> "ACCEPTED".equals(offer(token).path("status").asString()));
        assertThat(offer(token).path("options").get(1).path("status").asString()).isEqualTo("BOOKED");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'makeup-offer'
                  AND action = 'CHANGE'""").param("c", client).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void aWithdrawnOfferLeavesTheClientsPageAndItsChoiceIsRefused() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        MakeupOffered offered = offered(program, client, Instant.now().plus(2, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.MINUTES));
        publish(topics.of(EventTopics.OFFERS), client, offered);
        String token = issue(client);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !list(asClient(token, HttpMethod.GET, "/api/client-portal/offers", null).body()).isEmpty());

        MakeupOfferWithdrawn withdrawn = MakeupOfferWithdrawn.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setClientId(client).setProgramId(program)
                .setOfferId(offered.getOfferId()).setWithdrawnBy("staff").build();
        publish(topics.of(EventTopics.OFFERS), client, withdrawn);
        publish(topics.of(EventTopics.OFFERS), client, withdrawn); // delivered twice
        await().atMost(Duration.ofSeconds(20))
                .until(() -> list(asClient(token, HttpMethod.GET, "/api/client-portal/offers", null).body()).isEmpty());

        Answer late = asClient(token, HttpMethod.POST, "/api/client-portal/offers/" + offered.getOfferId() + "/choice",
                Map.of("option", 1));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().path("code").asString()).isEqualTo("offer-withdrawn");
        String refusal = late.body().path("detail").asString();
        assertThat(refusal).isEqualTo("These times were withdrawn: please call us to find another time");
        // the privacy deny-list of the message templates covers what the client's page shows
        String plain = java.text.Normalizer.normalize(refusal, java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT);
        for (String word : org.openiop.notification.delivery.TemplatesPrivacyTest.DENIED) {
            assertThat(plain).as("'%s' on the client's page", word).doesNotContainPattern("\\b" + word);
        }
        assertThat(outbox(client, MakeupOfferChosen.class)).isEmpty();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND detail LIKE '%withdrawn by staff'""")
                .param("c", client).query(Long.class).single()).isEqualTo(1);
    }

    private MakeupOffered offered(String program, String client, Instant first) {
        Instant second = first.plus(1, ChronoUnit.DAYS);
        return MakeupOffered.newBuilder().setEventId(id()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setClientId(client).setProgramId(program).setOfferId(id())
                .setWeekStart(LocalDate.now()).setTimeZone(NEW_YORK)
                .setOptions(List.of(option(1, first), option(2, second))).setExpiresAt(second).setOfferedBy("staff")
                .build();
    }

    private static OfferOption option(int number, Instant start) {
        return OfferOption.newBuilder().setNumber(number).setSessions(List.of(OfferSession.newBuilder()
                .setSessionId(id()).setStartsAt(start).setEndsAt(start.plus(3, ChronoUnit.HOURS)).build())).build();
    }

    private JsonNode offer(String token) {
        return list(asClient(token, HttpMethod.GET, "/api/client-portal/offers", null).body()).get(0);
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
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
