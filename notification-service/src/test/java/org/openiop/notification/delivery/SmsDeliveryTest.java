package org.openiop.notification.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.events.SessionScheduled;
import org.openiop.notification.IntegrationTest;
import org.openiop.notification.contact.TwilioSignature;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

/** SMS through a stub of the provider's Messages API: format, retries, refusals, STOP. */
class SmsDeliveryTest extends IntegrationTest {

    static final String NEW_YORK = "America/New_York";

    static Map<String, Object> smsContact(String phone, String language) {
        return new HashMap<>(Map.of("phone", phone, "channels", List.of("SMS"), "consent", Map.of("SMS", true),
                "language", language));
    }

    private static void providerAccepts(String phone, String sid) {
        SMS_PROVIDER.stubFor(post(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}")));
    }

    private SessionScheduled bookSoon(String program, String client) {
        SessionScheduled booking = scheduled(program, client, Instant.now().plus(Duration.ofMinutes(90)), NEW_YORK,
                Instant.now());
        publish(topics.sessions(), client, booking);
        return booking;
    }

    private Map<String, Object> awaitOnly(String bookingId, String status) {
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() ->
                assertThat(reminders(bookingId)).singleElement().satisfies(r -> assertThat(r.get("status")).isEqualTo(status)));
        return reminders(bookingId).get(0);
    }

    @Test
    void the_provider_receives_a_twilio_format_request_in_the_clients_language() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String phone = phone();
        providerAccepts(phone, "SM-ok-" + client);
        contact(client, smsContact(phone, "es"));

        SessionScheduled booking = bookSoon(program, client);
        Map<String, Object> sent = awaitOnly(booking.getBookingId(), "SENT");

        String localTime = java.time.format.DateTimeFormatter.ofPattern("H:mm")
                .format(booking.getStartsAt().atZone(java.time.ZoneId.of(NEW_YORK)));
        SMS_PROVIDER.verify(1, postRequestedFor(urlEqualTo(SMS_PATH))
                .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT, AUTH_TOKEN))
                .withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
                .withFormParam("To", equalTo(phone)).withFormParam("From", equalTo(SMS_FROM))
                .withFormParam("Body", matching("Cita confirmada: .* a las " + localTime
                        + " E[SD]T, Suite 200, 15 Elm Street\\. Consultas: \\+12125550188\\. Responda STOP.*")));
        assertThat(sent).containsEntry("kind", "CONFIRMATION").containsEntry("channel", "SMS")
                .containsEntry("attempts", 1).containsEntry("providerId", "SM-ok-" + client);

        List<Map<String, Object>> log = staff().get().uri("/api/clients/{id}/deliveries", client).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        assertThat(log).singleElement().satisfies(d -> assertThat(d).containsEntry("bookingId", booking.getBookingId())
                .containsEntry("status", "SENT").containsEntry("providerId", "SM-ok-" + client));
    }

    @Test
    void a_provider_failing_twice_is_retried_with_backoff_and_delivers_once() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String phone = phone();
        String scenario = "flaky-" + client;
        SMS_PROVIDER.stubFor(post(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("failed once"));
        SMS_PROVIDER.stubFor(post(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)).inScenario(scenario)
                .whenScenarioStateIs("failed once").willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed twice"));
        SMS_PROVIDER.stubFor(post(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)).inScenario(scenario)
                .whenScenarioStateIs("failed twice").willReturn(aResponse().withStatus(201)
                        .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM-third\"}")));
        contact(client, smsContact(phone, "en"));

        SessionScheduled booking = bookSoon(program, client);
        Map<String, Object> sent = awaitOnly(booking.getBookingId(), "SENT");

        assertThat(sent).containsEntry("attempts", 3).containsEntry("providerId", "SM-third");
        SMS_PROVIDER.verify(3, postRequestedFor(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)));
    }

    @Test
    void a_refusal_by_the_provider_is_recorded_as_a_permanent_failure_without_the_number() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String phone = phone();
        SMS_PROVIDER.stubFor(post(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":21211,\"message\":\"The 'To' number " + phone + " is not valid\"}")));
        contact(client, smsContact(phone, "en"));

        SessionScheduled booking = bookSoon(program, client);
        Map<String, Object> failed = awaitOnly(booking.getBookingId(), "FAILED");

        assertThat(failed).containsEntry("attempts", 1);
        assertThat((String) failed.get("detail")).contains("400").contains("21211").doesNotContain(phone.substring(2));
        SMS_PROVIDER.verify(1, postRequestedFor(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)));
    }

    @Test
    void a_stop_reply_opts_the_phone_out_and_later_texts_are_skipped() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String phone = phone();
        providerAccepts(phone, "SM-" + client);
        contact(client, smsContact(phone, "en"));
        String url = "http://127.0.0.1:" + port + "/api/sms/inbound";
        Map<String, String> form = Map.of("From", phone, "To", SMS_FROM, "Body", " stop ", "MessageSid", "SM-in");

        HttpStatusCode unsigned = inbound(form, null).getStatusCode();
        assertThat(unsigned.value()).isEqualTo(403);
        assertThat(contactOf(client)).containsEntry("smsOptedOut", false);

        assertThat(inbound(form, TwilioSignature.sign(AUTH_TOKEN, url, form)).getStatusCode().value()).isEqualTo(200);
        assertThat(contactOf(client)).containsEntry("smsOptedOut", true)
                .containsEntry("consent", Map.of("EMAIL", false, "SMS", false));

        SessionScheduled booking = bookSoon(program, client);
        Map<String, Object> skipped = awaitOnly(booking.getBookingId(), "SKIPPED");
        assertThat(skipped.get("detail")).isEqualTo("opted out by SMS reply");
        SMS_PROVIDER.verify(0, postRequestedFor(urlEqualTo(SMS_PATH)).withFormParam("To", equalTo(phone)));
    }

    private org.springframework.http.ResponseEntity<String> inbound(Map<String, String> form, String signature) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        return org.springframework.web.client.RestClient.create().post()
                .uri("http://127.0.0.1:" + port + "/api/sms/inbound")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .headers(h -> {
                    if (signature != null) {
                        h.set("X-Twilio-Signature", signature);
                    }
                }).body(body).retrieve().onStatus(s -> true, (req, res) -> {
                }).toEntity(String.class);
    }

    private Map<String, Object> contactOf(String client) {
        return staff().get().uri("/api/clients/{id}/contact", client).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
    }
}
