package org.openiop.notification.contact;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.openiop.notification.NotificationProperties;
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
 * The SMS provider's inbound-message webhook (Twilio format: form fields From, To, Body). A client replying STOP (or
 * a carrier-standard synonym, or PARAR/BAJA in Spanish) is opted out of SMS at once; START lifts the block.
 */
@RestController
class InboundSmsController {

    static final String PATH = "/api/sms/inbound";
    private static final Logger log = LoggerFactory.getLogger(InboundSmsController.class);
    private static final Set<String> STOP_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "PARAR", "BAJA", "ALTO");
    private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "YES", "ALTA");
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final ContactDirectory contacts;
    private final NotificationProperties.Sms sms;
    private final Clock clock;

    InboundSmsController(ContactDirectory contacts, NotificationProperties properties, Clock clock) {
        this.contacts = contacts;
        this.sms = properties.sms();
        this.clock = clock;
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Transactional
    ResponseEntity<String> inbound(@RequestParam Map<String, String> form,
            @RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
            HttpServletRequest request) {
        if (sms.verifyWebhook()) {
            String url = sms.webhookUrl().isBlank() ? request.getRequestURL().toString() : sms.webhookUrl();
            if (!TwilioSignature.verify(sms.authToken(), url, form, signature)) {
                log.warn("Inbound SMS webhook refused: bad or missing signature");
                return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
            }
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
}
