package org.openiop.notification.clientlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.openiop.notification.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Clients' signed links end to end in the service: staff issue one, the client reads only their own appointments
 * and changes their reminder preferences with it (audited as the link), and an expired, tampered or revoked link is
 * a 401 problem. Reminder emails carry the link.
 */
class ClientLinkTest extends IntegrationTest {

    private static final String NEW_YORK = "America/New_York";

    @Autowired JdbcClient jdbc;

    record Answer(int status, MediaType type, String body) {
    }

    private Answer call(HttpMethod method, String path, Consumer<HttpHeaders> headers, Object body) {
        RestClient.RequestBodySpec spec = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build()
                .method(method).uri(path).headers(headers);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders().getContentType(),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private Answer asClient(String token, HttpMethod method, String path, Object body) {
        return call(method, path, h -> h.set("X-Client-Link", token), body);
    }

    private Map<String, Object> issue(String clientId) {
        return staff().post().uri("/api/clients/{id}/client-links", clientId).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    private String bookSoon(String program, String clientId) {
        var event = scheduled(program, clientId, Instant.now().plus(Duration.ofDays(2)), NEW_YORK, Instant.now());
        publish(topics.sessions(), clientId, event);
        awaitReminders(event.getBookingId(), 1);
        return event.getBookingId();
    }

    @Test
    void aClientSeesOnlyTheirOwnAppointmentsWithoutTheSessionType() {
        String program = programConfigured(NEW_YORK);
        String clientA = id();
        String clientB = id();
        String bookingA = bookSoon(program, clientA);
        String bookingB = bookSoon(program, clientB);
        Map<String, Object> link = issue(clientA);
        String token = (String) link.get("token");
        assertThat((String) link.get("url")).endsWith("/c/" + token);
        assertThat(token).hasSize(98);

        Answer appointments = asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null);
        assertThat(appointments.status()).isEqualTo(200);
        assertThat(appointments.body()).contains(bookingA).doesNotContain(bookingB).contains("Suite 200, 15 Elm Street")
                .doesNotContainIgnoringCase("group").doesNotContainIgnoringCase("type");

        // client A's link on client B's data, and on a staff endpoint: forbidden, as problem+json
        for (String path : List.of("/api/clients/" + clientB + "/contact", "/api/clients/" + clientA + "/contact",
                "/api/bookings/" + bookingB + "/reminders", "/api/clients/" + clientB + "/client-links")) {
            Answer refused = asClient(token, HttpMethod.GET, path, null);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        }

        // the calendar feed takes the token in the URL, as a calendar app subscribes to it
        Answer feed = call(HttpMethod.GET, "/api/client-portal/calendar.ics?link=" + token, h -> { }, null);
        assertThat(feed.status()).isEqualTo(200);
        assertThat(feed.type().toString()).startsWith("text/calendar");
        assertThat(feed.body()).contains("BEGIN:VEVENT").contains("UID:" + bookingA + "@openiop")
                .contains("SUMMARY:Appointment").doesNotContain(bookingB).doesNotContainIgnoringCase("group")
                .contains("BEGIN:VTIMEZONE").contains("DTSTART;TZID=");

        assertThat(jdbc.sql("""
                SELECT DISTINCT actor FROM audit_event
                WHERE client_id = :c AND action = 'READ' AND resource IN ('appointments', 'calendar-feed')""")
                .param("c", clientA).query(String.class).list()).containsExactly("client-link:" + link.get("linkId"));
    }

    @Test
    void expiredTamperedRevokedAndMissingLinksAre401Problems() {
        String client = id();
        String token = (String) issue(client).get("token");
        assertThat(asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null).status()).isEqualTo(200);

        char last = token.charAt(40);
        String tampered = token.substring(0, 40) + (last == 'A' ? 'B' : 'A') + token.substring(41);
        String forged = token.substring(0, 97) + (token.charAt(97) == 'A' ? 'B' : 'A');
        for (String bad : List.of(tampered, forged, "not-a-link", token + "x")) {
            Answer answer = asClient(bad, HttpMethod.GET, "/api/client-portal/appointments", null);
            assertThat(answer.status()).as(bad).isEqualTo(401);
            assertThat(answer.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(answer.body()).contains("client-link-invalid");
        }
        assertThat(call(HttpMethod.GET, "/api/client-portal/appointments", h -> { }, null).status()).isEqualTo(401);

        clock.setNow(Instant.now().plus(Duration.ofDays(15)));
        assertThat(asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null).status()).isEqualTo(401);
        clock.reset();
        assertThat(asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null).status()).isEqualTo(200);

        Map<String, Object> revoked = staff().delete().uri("/api/clients/{id}/client-links", client).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(revoked).containsEntry("revoked", 1);
        assertThat(asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null).status()).isEqualTo(401);
    }

    @Test
    void theClientOptsOutOfTextsAndSetsQuietHours() {
        String client = id();
        contact(client, Map.of("email", "p-" + client.substring(0, 8) + "@example.org", "phone", phone(),
                "channels", List.of("EMAIL", "SMS"), "consent", Map.of("EMAIL", true, "SMS", true), "language", "en"));
        Map<String, Object> link = issue(client);
        String token = (String) link.get("token");
        assertThat(asClient(token, HttpMethod.GET, "/api/client-portal/preferences", null).body())
                .contains("\"email\":true").contains("\"sms\":true").doesNotContain("example.org");

        Answer changed = asClient(token, HttpMethod.PUT, "/api/client-portal/preferences", Map.of("email", true,
                "sms", false, "quietHours", Map.of("start", "21:00", "end", "08:00"), "language", "es"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body()).contains("\"sms\":false").contains("\"language\":\"es\"");
        Map<String, Object> contact = staff().get().uri("/api/clients/{id}/contact", client).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(contact.get("channels")).isEqualTo(List.of("EMAIL"));
        assertThat(contact.get("consent")).isEqualTo(Map.of("EMAIL", true, "SMS", false));
        assertThat(contact.get("quietHours")).isEqualTo(Map.of("start", "21:00:00", "end", "08:00:00"));
        assertThat(jdbc.sql("""
                SELECT actor FROM audit_event WHERE client_id = :c AND action = 'CHANGE' ORDER BY id DESC LIMIT 1""")
                .param("c", client).query(String.class).single()).isEqualTo("client-link:" + link.get("linkId"));

        Answer invalid = asClient(token, HttpMethod.PUT, "/api/client-portal/preferences", Map.of("email", true,
                "sms", true, "quietHours", Map.of("start", "21:00", "end", "21:00"), "language", "en"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("quietHours");
    }

    @Test
    void aConfirmationEmailCarriesTheClientsLink() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "link-" + client.substring(0, 8) + "@example.org";
        contact(client, emailContact(email, "en", null));
        publish(topics.sessions(), client, scheduled(program, client, Instant.now().plus(Duration.ofMinutes(90)),
                NEW_YORK, Instant.now()));
        String text = text(awaitEmails(email, 1).get(0));
        assertThat(text).contains("http://127.0.0.1:8080/c/");
        String token = text.substring(text.indexOf("/c/") + 3).split("\\s")[0];
        await().atMost(Duration.ofSeconds(5)).until(() ->
                asClient(token, HttpMethod.GET, "/api/client-portal/appointments", null).status() == 200);
    }
}
