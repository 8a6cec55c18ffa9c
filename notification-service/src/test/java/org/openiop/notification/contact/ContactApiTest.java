package org.openiop.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.notification.IntegrationTest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The contact directory's API: validation field by field, nothing stored on bad input, roles. */
class ContactApiTest extends IntegrationTest {

    private ResponseEntity<Map<String, Object>> put(RestClient client, String clientId, Object body) {
        return client.put().uri("/api/clients/{id}/contact", clientId).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().onStatus(s -> true, (req, res) -> {
                }).toEntity(new ParameterizedTypeReference<>() {
                });
    }

    private ResponseEntity<Map<String, Object>> get(String clientId) {
        return staff().get().uri("/api/clients/{id}/contact", clientId).retrieve().onStatus(s -> true, (q, r) -> {
        }).toEntity(new ParameterizedTypeReference<>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(ResponseEntity<Map<String, Object>> response) {
        return ((List<Map<String, Object>>) response.getBody().get("errors")).stream()
                .map(e -> (String) e.get("field")).toList();
    }

    @Test
    void a_full_contact_is_stored_with_the_phone_in_e164() {
        String client = id();
        ResponseEntity<Map<String, Object>> saved = put(staff(), client, Map.of("email", "a@example.org",
                "phone", "+1 (212) 555-0142", "channels", List.of("EMAIL", "SMS"),
                "consent", Map.of("EMAIL", true, "SMS", true), "quietHours", Map.of("start", "21:00", "end", "08:00"),
                "language", "es", "timeZone", "America/Chicago"));

        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(get(client).getBody()).containsEntry("phone", "+12125550142").containsEntry("language", "es")
                .containsEntry("timeZone", "America/Chicago")
                .containsEntry("quietHours", Map.of("start", "21:00:00", "end", "08:00:00"));
    }

    @Test
    void bad_fields_are_named_and_nothing_is_stored() {
        String client = id();
        ResponseEntity<Map<String, Object>> badPhone = put(staff(), client, Map.of("phone", "555-0142",
                "channels", List.of("SMS"), "consent", Map.of("SMS", true), "language", "en",
                "timeZone", "Mars/Olympus"));
        assertThat(badPhone.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badPhone)).containsExactlyInAnyOrder("phone", "timeZone");

        ResponseEntity<Map<String, Object>> noEmail = put(staff(), client, Map.of("channels", List.of("EMAIL"),
                "consent", Map.of("EMAIL", true), "language", "en"));
        assertThat(noEmail.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(noEmail)).containsExactly("email");

        ResponseEntity<Map<String, Object>> badEmail = put(staff(), client, Map.of("email", "not-an-address",
                "channels", List.of(), "consent", Map.of(), "language", "en"));
        assertThat(badEmail.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badEmail)).containsExactlyInAnyOrder("email", "channels");

        // a malformed time inside quiet hours, an invalid address and no channel: all named in one answer
        ResponseEntity<Map<String, Object>> several = put(staff(), client, Map.of("email", "not-an-address",
                "channels", List.of(), "consent", Map.of(), "language", "en",
                "quietHours", Map.of("start", "25:00", "end", "08:00")));
        assertThat(several.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(several)).containsExactly("quietHours.start", "channels", "email");

        ResponseEntity<Map<String, Object>> badLanguage = put(staff(), client, Map.of("email", "a@example.org",
                "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true), "language", "fr"));
        assertThat(badLanguage.getStatusCode().value()).isEqualTo(400);
        assertThat(fields(badLanguage)).containsExactly("language");

        assertThat(get(client).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void only_staff_may_read_or_write_contact_details() {
        String client = id();
        Map<String, Object> body = Map.of("email", "a@example.org", "channels", List.of("EMAIL"),
                "consent", Map.of("EMAIL", true), "language", "en");
        assertThat(put(api("officer", "iop-officer"), client, body).getStatusCode().value()).isEqualTo(403);
        assertThat(put(api("staff", "wrong"), client, body).getStatusCode().value()).isEqualTo(401);
        assertThat(put(staff(), client, body).getStatusCode().value()).isEqualTo(200);
        assertThat(api("officer", "iop-officer").get().uri("/api/clients/{id}/deliveries", client).retrieve()
                .onStatus(s -> true, (q, r) -> {
                }).toBodilessEntity().getStatusCode().value()).isEqualTo(403);
    }
}
