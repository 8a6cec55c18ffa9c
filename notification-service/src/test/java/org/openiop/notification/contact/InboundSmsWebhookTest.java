package org.openiop.notification.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openiop.notification.IntegrationTest;
import org.openiop.notification.NotificationProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/** The inbound SMS webhook: signed, acted on once per provider message id, fresh, and quiet about its input. */
@ExtendWith(OutputCaptureExtension.class)
class InboundSmsWebhookTest extends IntegrationTest {

    @Autowired NotificationProperties properties;

    private ResponseEntity<String> inbound(Map<String, String> form, boolean signed) {
        LinkedMultiValueMap<String, String> body = new LinkedMultiValueMap<>();
        form.forEach(body::add);
        String url = "http://127.0.0.1:" + port + "/api/sms/inbound";
        return RestClient.create().post().uri(url).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .headers(h -> {
                    if (signed) {
                        h.set("X-Twilio-Signature", TwilioSignature.sign(AUTH_TOKEN, url, form));
                    }
                }).body(body).retrieve().onStatus(s -> true, (req, res) -> {
                }).toEntity(String.class);
    }

    private boolean optedOut(String client) {
        Map<String, Object> contact = staff().get().uri("/api/clients/{id}/contact", client).retrieve()
                .body(new ParameterizedTypeReference<>() {
                });
        return (Boolean) contact.get("smsOptedOut");
    }

    private String smsClient(String phone) {
        String client = id();
        contact(client, new HashMap<>(Map.of("phone", phone, "channels", List.of("SMS"), "consent",
                Map.of("SMS", true), "language", "en")));
        return client;
    }

    @Test
    void anUnsignedCallIs403ProblemJson() {
        ResponseEntity<String> unsigned = inbound(Map.of("From", phone(), "Body", "STOP", "MessageSid", "SM1"), false);
        assertThat(unsigned.getStatusCode().value()).isEqualTo(403);
        assertThat(unsigned.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unsigned.getBody()).contains("\"code\":\"webhook-signature\"");
    }

    @Test
    void aReplayedStopChangesNothing() {
        String phone = phone();
        String client = smsClient(phone);
        Map<String, String> stop = Map.of("From", phone, "Body", "STOP", "MessageSid", "SM-stop-" + client);
        assertThat(inbound(stop, true).getStatusCode().value()).isEqualTo(200);
        assertThat(optedOut(client)).isTrue();
        assertThat(inbound(Map.of("From", phone, "Body", "START", "MessageSid", "SM-start-" + client), true)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(optedOut(client)).isFalse();

        ResponseEntity<String> replay = inbound(stop, true);
        assertThat(replay.getStatusCode().value()).isEqualTo(409);
        assertThat(replay.getBody()).contains("webhook-replay");
        assertThat(optedOut(client)).as("the replayed STOP did not opt the client out again").isFalse();
    }

    @Test
    void aStaleSignedTimestampIsRefused() {
        String phone = phone();
        String client = smsClient(phone);
        ResponseEntity<String> stale = inbound(Map.of("From", phone, "Body", "STOP", "MessageSid", "SM-old-" + client,
                "Timestamp", String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond())), true);
        assertThat(stale.getStatusCode().value()).isEqualTo(400);
        assertThat(stale.getBody()).contains("webhook-stale");
        assertThat(optedOut(client)).isFalse();
        assertThat(inbound(Map.of("From", phone, "Body", "STOP", "MessageSid", "SM-new-" + client,
                "Timestamp", Instant.now().toString()), true).getStatusCode().value()).isEqualTo(200);
        assertThat(optedOut(client)).isTrue();
    }

    @Test
    void malformedInputIsA400AndOneWarnLineWithoutThePhoneOrText(CapturedOutput output) {
        String phone = phone();
        int before = output.getAll().length();
        ResponseEntity<String> noSid = inbound(Map.of("From", phone, "Body", "STOP please"), true);
        assertThat(noSid.getStatusCode().value()).isEqualTo(400);
        assertThat(noSid.getBody()).contains("MessageSid");
        ResponseEntity<String> control = inbound(Map.of("From", phone, "Body", "ST\u0000OP", "MessageSid", "SM-x"),
                true);
        assertThat(control.getStatusCode().value()).isEqualTo(400);
        String logged = output.getAll().substring(before);
        assertThat(logged.lines().filter(l -> l.contains("Inbound SMS webhook refused"))).hasSize(2)
                .allMatch(l -> l.contains("WARN"));
        assertThat(logged).doesNotContain(phone.substring(2)).doesNotContain("STOP please")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void outsideLocalAndTestTheBuiltInTokenStopsTheStart() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("prod");
        NotificationProperties.Sms sms = properties.sms();
        NotificationProperties.Sms builtIn = new NotificationProperties.Sms(sms.baseUrl(), sms.accountSid(),
                "change-me", sms.from(), sms.connectTimeout(), sms.readTimeout(), true, "", sms.replayWindow());
        assertThatThrownBy(() -> InboundSmsController.requireRealToken(builtIn, production))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("IOP_SMS_AUTH_TOKEN");
        NotificationProperties.Sms real = new NotificationProperties.Sms(sms.baseUrl(), sms.accountSid(),
                "f".repeat(32), sms.from(), sms.connectTimeout(), sms.readTimeout(), true, "", sms.replayWindow());
        InboundSmsController.requireRealToken(real, production);
    }
}
