package org.openiop.notification.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openiop.backbone.web.ProblemResponses;
import org.openiop.backbone.web.input.StrictJson;
import org.openiop.notification.NotificationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The SMS provider's inbound-message webhook (Twilio format: form fields MessageSid, From, To, Body). A client replying
 * STOP (or a carrier-standard synonym, or PARAR/BAJA in Spanish) is opted out of SMS at once; START lifts the block.
 * Only signed calls count (403 otherwise); each provider message id is acted on once (a replay is a 409), and a call
 * carrying a signed {@code Timestamp} older than the replay window is refused. Outside the local and test profiles
 * the service does not start with a built-in or short auth token. Refusals are problem+json and log one WARN line
 * without the phone number or the text.
 */
@RestController
class InboundSmsController {

    static final String PATH = "/api/sms/inbound";
    private static final Logger log = LoggerFactory.getLogger(InboundSmsController.class);
    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "PARAR", "BAJA", "ALTO");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "YES", "ALTA");
    private static final Set<String> BUILT_IN_TOKENS = Set.of("change-me", "local-token");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ContactRepository contacts;
    private final NotificationProperties.Sms sms;
    private final Clock clock;

    private final InboundSmsRepository received;

    InboundSmsController(ContactRepository contacts, NotificationProperties properties, Clock clock,
            InboundSmsRepository received, Environment environment) {
        this.contacts = contacts;
        this.sms = properties.sms();
        this.clock = clock;
        this.received = received;
        requireRealToken(sms, environment);
    }

    /** Like the client-link key: a built-in or short webhook token is refused outside the local and test profiles. */
    static void requireRealToken(NotificationProperties.Sms sms, Environment environment) {
        boolean builtIn = BUILT_IN_TOKENS.contains(sms.authToken()) || sms.authToken().length() < 32;
        if (sms.verifyWebhook() && builtIn && !environment.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("Set iop.notification.sms.auth-token (IOP_SMS_AUTH_TOKEN) to the SMS "
                    + "provider's auth token (32+ characters): the built-in one is for the 'local' profile only.");
        }
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<String> inbound(@RequestParam Map<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
            HttpServletRequest request) {
        if (sms.verifyWebhook()) {
            String url = sms.webhookUrl().isBlank() ? request.getRequestURL().toString() : sms.webhookUrl();
            if (!TwilioSignature.verify(sms.authToken(), url, form, signature)) {
                return refused(HttpStatus.FORBIDDEN, "webhook-signature", "bad or missing signature", null);
            }
        }
        String sid = form.get("MessageSid");
        if (sid == null || !sid.matches("[A-Za-z0-9_-]{1,64}")) {
            return refused(HttpStatus.BAD_REQUEST, "invalid-request", "MessageSid is missing or malformed",
                    "MessageSid");
        }
        if (form.containsKey("Timestamp")) {
            Instant sent = timestamp(form.get("Timestamp"));
            if (sent == null) {
                return refused(HttpStatus.BAD_REQUEST, "invalid-request", "Timestamp is malformed", "Timestamp");
            }
            if (Duration.between(sent, clock.instant()).abs().compareTo(sms.replayWindow()) > 0) {
                return refused(HttpStatus.BAD_REQUEST, "webhook-stale", "Timestamp is outside the replay window",
                        "Timestamp");
            }
        }
        if (form.values().stream().anyMatch(v -> v != null && StrictJson.hasControlCharacter(v))
                || form.getOrDefault("Body", "").length() > 1600) {
            return refused(HttpStatus.BAD_REQUEST, "invalid-request", "a field is malformed", "Body");
        }
        if (!received.firstReceipt(sid)) {
            return refused(HttpStatus.CONFLICT, "webhook-replay", "this message was already received", "MessageSid");
        }
        String from = PhoneNumbers.toE164(form.get("From")).orElse(null);
        String word = form.getOrDefault("Body", "").strip().toUpperCase(Locale.ROOT);
        if (from != null && STOP_WORDS.contains(word)) {
            int contactsUpdated = contacts.optOut(from, clock.instant());
            log.info("SMS opt-out received; consent withdrawn on {} contact(s)", contactsUpdated);
        } else if (from != null && START_WORDS.contains(word)) {
            contacts.optBackIn(from);
            log.info("SMS opt-in received");
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_XML).body(EMPTY_TWIML);
    }

    /** One WARN line naming the reason only: never the number, the text or anything else from the request. */
    private static ResponseEntity<String> refused(HttpStatus status, String code, String reason, String field) {
        log.warn("Inbound SMS webhook refused ({}): {}", status.value(), reason);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.json(status, code, "Inbound SMS refused: " + reason, field));
    }

    private static Instant timestamp(String value) {
        try {
            return value.chars().allMatch(Character::isDigit) && value.length() <= 12
                    ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
