package org.openiop.attendance.telehealth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoom's webhook format, the first {@link MeetingPlatform} adapter. Every delivery is checked as Zoom documents it:
 * {@code x-zm-signature: v0=<hex HMAC-SHA256 of "v0:{x-zm-request-timestamp}:{body}" with the webhook secret token>},
 * the timestamp (epoch seconds) within {@code maxAge} of now. {@code endpoint.url_validation} is answered with
 * {@code {plainToken, encryptedToken = hex HMAC-SHA256(plainToken)}}. Participant events read
 * {@code payload.object.uuid} (the occurrence), {@code participant.participant_uuid} (else {@code id}, else
 * {@code user_id}), {@code user_name}, {@code registrant_id}/{@code customer_key}, {@code join_time},
 * {@code leave_time}; {@code meeting.ended} reads {@code end_time}. Other events are accepted and ignored.
 */
public class ZoomFormat implements MeetingPlatform {

    /** The built-in webhook secret of the local and test profiles (refused elsewhere): local runs and tests sign with it. */
    public static final String LOCAL_SECRET = "openiop-local-zoom-webhook-secret";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SecretKeySpec secret;
    private final Clock clock;
    private final Duration maxAge;

    public ZoomFormat(String webhookSecret, Clock clock, Duration maxAge) {
        this.secret = new SecretKeySpec(webhookSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
        this.maxAge = maxAge;
    }

    @Override
    public String name() {
        return "zoom";
    }

    @Override
    public Delivery read(Map<String, String> headers, byte[] body) {
        verify(headers.get("x-zm-request-timestamp"), headers.get("x-zm-signature"), body);
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw WebhookRefused.unreadable("the body is not JSON");
        }
        String event = root.path("event").asString("");
        JsonNode object = root.path("payload").path("object");
        return switch (event) {
            case "endpoint.url_validation" -> {
                String plain = root.path("payload").path("plainToken").asString("");
                if (plain.isEmpty()) {
                    throw WebhookRefused.unreadable("payload.plainToken is missing");
                }
                yield new Challenge(Map.of("plainToken", plain, "encryptedToken", hex(plain)));
            }
            case "meeting.participant_joined" -> new Events(event, List.of(participant(ParticipantEvent.Kind.JOINED,
                    object, "join_time")));
            case "meeting.participant_left" -> new Events(event, List.of(participant(ParticipantEvent.Kind.LEFT,
                    object, "leave_time")));
            case "meeting.ended" -> new Events(event, List.of(new ParticipantEvent(
                    ParticipantEvent.Kind.MEETING_ENDED, required(object, "uuid"), null, null, null,
                    time(object, "end_time"), null)));
            default -> new Events(event.isEmpty() ? "unknown" : event, List.of());
        };
    }

    /** Signs a body as Zoom does; tests post with it, and it documents the scheme. */
    public String signature(String timestamp, byte[] body) {
        return "v0=" + hex("v0:" + timestamp + ":" + new String(body, StandardCharsets.UTF_8));
    }

    private void verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null) {
            throw WebhookRefused.signature("x-zm-request-timestamp and x-zm-signature are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw WebhookRefused.signature("x-zm-request-timestamp is not epoch seconds");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (age.compareTo(maxAge) > 0) {
            throw WebhookRefused.signature("x-zm-request-timestamp is stale");
        }
        byte[] expected = signature(timestamp.strip(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.US_ASCII))) {
            throw WebhookRefused.signature("x-zm-signature does not match");
        }
    }

    private static ParticipantEvent participant(ParticipantEvent.Kind kind, JsonNode object, String timeField) {
        JsonNode p = object.path("participant");
        String key = first(p, "participant_uuid", "id", "user_id");
        if (key == null) {
            throw WebhookRefused.unreadable("the participant has no id");
        }
        String joined = text(p, "join_time");
        return new ParticipantEvent(kind, required(object, "uuid"), key, text(p, "user_name"),
                first(p, "customer_key", "registrant_id"), time(p, timeField),
                kind == ParticipantEvent.Kind.LEFT && joined != null ? parse(joined) : null);
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw WebhookRefused.unreadable("payload.object." + field + " is missing");
        }
        return value;
    }

    private static Instant time(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            throw WebhookRefused.unreadable(field + " is missing");
        }
        return parse(value);
    }

    private static Instant parse(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw WebhookRefused.unreadable("a time is not ISO-8601");
        }
    }

    private static String first(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asString("").strip();
        return s.isEmpty() ? null : s;
    }

    private String hex(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
