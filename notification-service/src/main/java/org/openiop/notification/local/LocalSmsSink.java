package org.openiop.notification.local;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.PhoneNumbers;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The local profile's SMS sink: answers like Twilio's Messages API (same path, Basic auth, form fields, JSON with a
 * sid, error 21211 for a bad number), so the real SMS sender runs end to end, and keeps the latest messages.
 */
@RestController
@Profile("local")
class LocalSmsSink {

    public record SmsMessage(String sid, String to, String from, String body, Instant receivedAt) {
    }

    private final Deque<SmsMessage> messages = new ArrayDeque<>();
    private final NotificationProperties properties;
    private final Clock clock;

    LocalSmsSink(NotificationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping(path = "/local-sinks/sms/2010-04-01/Accounts/{sid}/Messages.json",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@PathVariable String sid,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam Map<String, String> form) {
        NotificationProperties.Sms sms = properties.sms();
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((sms.accountSid() + ":" + sms.authToken()).getBytes(StandardCharsets.UTF_8));
        if (!sid.equals(sms.accountSid()) || !expected.equals(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(Map.of("code", 20003, "message", "Authentication Error", "status", 401));
        }
        if (PhoneNumbers.toE164(form.get("To")).isEmpty() || form.getOrDefault("Body", "").isBlank()) {
            return ResponseEntity.badRequest()
                    .body(Map.of("code", 21211, "message", "Invalid 'To' Phone Number", "status", 400));
        }
        SmsMessage message = new SmsMessage("SM" + UUID.randomUUID().toString().replace("-", ""), form.get("To"),
                form.get("From"), form.get("Body"), clock.instant());
        synchronized (messages) {
            messages.addFirst(message);
            while (messages.size() > properties.local().smsSinkLimit()) {
                messages.removeLast();
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("sid", message.sid(), "status", "queued",
                "to", message.to(), "from", message.from(), "body", message.body()));
    }

    public List<SmsMessage> latest() {
        synchronized (messages) {
            return new ArrayList<>(messages);
        }
    }
}
