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

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/**
 * Browse what the local sinks received: the emails and texts clients would have got (local profile only), each whole:
 * the text and every attachment with its content (the {@code .ics} as sent, to inspect or parse).
 */
@RestController
@Profile("local")
class OutboxController {

    /** @param calendar the attached {@code .ics} text, or null */
    record SinkMessage(Channel channel, String to, String subject, String body, boolean calendarAttached,
            String calendar, List<Attachment> attachments, String providerId, Instant receivedAt) {
    }

    /** An attachment as received: file name, MIME type (without parameters) and text content. */
    record Attachment(String fileName, String contentType, String content) {
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
            sms.latest().forEach(m -> all.add(new SinkMessage(Channel.SMS, m.to(), null, m.body(), false, null,
                    List.of(), m.sid(), m.receivedAt())));
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
        String calendar = null;
        List<Attachment> attachments = new ArrayList<>();
        if (m.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
                if (part.isMimeType("text/calendar") || attached) {
                    String content = contentOf(part);
                    attachments.add(new Attachment(part.getFileName(),
                            part.getContentType().split(";")[0].strip().toLowerCase(java.util.Locale.ROOT), content));
                    if (part.isMimeType("text/calendar") && calendar == null) {
                        calendar = content;
                    }
                } else if (text == null) {
                    text = textOf(part.getContent());
                }
            }
        } else {
            text = String.valueOf(m.getContent());
        }
        Instant at = m.getSentDate() == null ? Instant.EPOCH : m.getSentDate().toInstant();
        return new SinkMessage(Channel.EMAIL, String.join(",", java.util.Arrays.stream(m.getAllRecipients())
                .map(Object::toString).toList()), m.getSubject(), text, calendar != null, calendar,
                List.copyOf(attachments), m.getMessageID(), at);
    }

    /** An attachment's content as text (the .ics is text; anything else is read as UTF-8 too). */
    private static String contentOf(BodyPart part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
