package org.openiop.notification.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.openiop.notification.contact.Channel;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** Browse what the local sinks received: the emails and texts clients would have got (local profile only). */
@RestController
@Profile("local")
class OutboxController {

    record SinkMessage(Channel channel, String to, String subject, String body, boolean calendarAttached,
            String providerId, Instant receivedAt) {
    }

    private final LocalSmtpServer smtp;
    private final LocalSmsSink sms;

    OutboxController(LocalSmtpServer smtp, LocalSmsSink sms) {
        this.smtp = smtp;
        this.sms = sms;
    }

    @GetMapping("/api/outbox/messages")
    List<SinkMessage> messages(@RequestParam(required = false) Channel channel,
            @RequestParam(defaultValue = "50") int limit) throws Exception {
        List<SinkMessage> all = new ArrayList<>();
        if (channel == null || channel == Channel.SMS) {
            sms.latest().forEach(m -> all.add(new SinkMessage(Channel.SMS, m.to(), null, m.body(), false, m.sid(),
                    m.receivedAt())));
        }
        if (channel == null || channel == Channel.EMAIL) {
            List<MimeMessage> received = smtp.received();
            for (int i = received.size() - 1; i >= 0 && i >= received.size() - Math.max(1, limit); i--) {
                all.add(email(received.get(i)));
            }
        }
        return all.stream().sorted(Comparator.comparing(SinkMessage::receivedAt).reversed())
                .limit(Math.max(1, Math.min(limit, 1000))).toList();
    }

    private static SinkMessage email(MimeMessage m) throws Exception {
        String text = null;
        boolean calendar = false;
        if (m.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/calendar")) {
                    calendar = true;
                } else if (text == null) {
                    text = textOf(part.getContent());
                }
            }
        } else {
            text = String.valueOf(m.getContent());
        }
        Instant at = m.getSentDate() == null ? Instant.EPOCH : m.getSentDate().toInstant();
        return new SinkMessage(Channel.EMAIL, String.join(",", java.util.Arrays.stream(m.getAllRecipients())
                .map(Object::toString).toList()), m.getSubject(), text, calendar, m.getMessageID(), at);
    }

    private static String textOf(Object content) throws Exception {
        if (content instanceof Multipart inner) {
            for (int i = 0; i < inner.getCount(); i++) {
                if (inner.getBodyPart(i).isMimeType("text/plain")) {
                    return String.valueOf(inner.getBodyPart(i).getContent());
                }
            }
            return null;
        }
        return String.valueOf(content);
    }
}
