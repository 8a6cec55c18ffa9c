package org.openiop.attendance.telehealth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.openiop.backbone.web.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The video platforms' webhook: {@code POST /api/telehealth/{platform}/webhook}. Authenticated by the platform's
 * signature (checked by its adapter), not by a user role, like the SMS provider's inbound webhook. A refused
 * delivery is a 403 problem (as the SMS webhook answers a bad signature) and changes nothing; a delivery seen
 * before (same signed body) is acknowledged and applies nothing. Logs name the platform and event type only,
 * never a participant or a link.
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final Map<String, MeetingPlatform> platforms;
    private final TelehealthAttendance attendance;

    WebhookController(List<MeetingPlatform> platforms, TelehealthAttendance attendance) {
        this.platforms = platforms.stream().collect(Collectors.toMap(MeetingPlatform::name, Function.identity()));
        this.attendance = attendance;
    }

    record Accepted(String event, boolean applied, int participantEvents) {
    }

    @PostMapping(path = "/api/telehealth/{platform}/webhook", consumes = MediaType.ALL_VALUE)
    ResponseEntity<?> receive(@PathVariable String platform, @RequestHeader HttpHeaders headers,
            @RequestBody(required = false) byte[] body) {
        MeetingPlatform adapter = platforms.get(platform);
        if (adapter == null) {
            throw RuleViolation.notFound("platform", "Video platform", platform);
        }
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? null
                : values.get(0)));
        MeetingPlatform.Delivery delivery;
        try {
            delivery = adapter.read(lower, body == null ? new byte[0] : body);
        } catch (WebhookRefused refused) {
            log.warn("{} webhook refused: {}", platform, refused.getMessage());
            if (refused.unauthenticated()) {
                throw new RuleViolation(HttpStatus.FORBIDDEN, "webhook-signature-invalid", refused.getMessage(),
                        List.of(new RuleViolation.FieldProblem("signature", refused.getMessage())));
            }
            throw RuleViolation.invalid("body", refused.getMessage());
        }
        if (delivery instanceof MeetingPlatform.Challenge c) {
            return ResponseEntity.ok(c.answer());
        }
        MeetingPlatform.Events e = (MeetingPlatform.Events) delivery;
        boolean applied = attendance.apply(platform, platform + ":" + sha256(body), e);
        log.info("{} webhook {}: {} event(s), {}", platform, e.type(), e.events().size(),
                applied ? "applied" : "seen before");
        return ResponseEntity.ok(new Accepted(e.type(), applied, e.events().size()));
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
