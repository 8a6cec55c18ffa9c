package org.openiop.notification.delivery;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.clientlink.ClientLinks;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Language;
import org.openiop.notification.program.Program;
import org.openiop.notification.telehealth.JoinLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes a queued message in the recipient's language, with the session's date and time in the recipient's time
 * zone. Client messages say only what the templates allow: date, local time, location label, program phone.
 */
@Component
public class MessageComposer {

    private static final Map<Language, DateTimeFormatter> DATES = Map.of(
            Language.en, DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Language.en.locale()),
            Language.es, DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' yyyy", Language.es.locale()));
    private static final Map<Language, DateTimeFormatter> TIMES = Map.of(
            Language.en, DateTimeFormatter.ofPattern("h:mm a", Language.en.locale()),
            Language.es, DateTimeFormatter.ofPattern("H:mm", Language.es.locale()));

    private final Templates templates = new Templates();
    private final String organizer;
    private final ObjectProvider<ClientLinks> clientLinks;
    private final ObjectProvider<JoinLinks> joinLinks;

    public MessageComposer(NotificationProperties properties, ObjectProvider<ClientLinks> clientLinks,
            ObjectProvider<JoinLinks> joinLinks) {
        this.organizer = properties.email().from();
        this.clientLinks = clientLinks;
        this.joinLinks = joinLinks;
    }

    public Templates templates() {
        return templates;
    }

    /**
     * @param program the program (location label, phone); may be null for staff and officer messages
     */
    public OutgoingMessage compose(Delivery d, String to, Language language, ZoneId zone, Program program) {
        Map<String, String> values = new HashMap<>(d.details());
        if (d.sessionStartsAt() != null) {
            ZonedDateTime start = d.sessionStartsAt().atZone(zone);
            values.put("date", DATES.get(language).format(start));
            values.put("time", TIMES.get(language).format(start));
        }
        if (program != null) {
            values.put("location", program.locationLabel());
            values.put("phone", program.phone());
        }
        if (d.audience() == Audience.CLIENT && MessageKind.aboutSession(d.kind()) && d.clientId() != null) {
            // the client's own page (upcoming appointments, calendar, preferences) through a signed link
            ClientLinks links = clientLinks.getIfAvailable();
            values.put("link", links == null ? "" : links.pageFor(d.clientId()).orElse(""));
        }
        values.putIfAbsent("client", d.clientId());
        values.putIfAbsent("booking", d.bookingId());
        String template = MessageKind.template(d.kind());
        String subject = templates.text(language, template + ".subject", values);
        String text = templates.text(language, template + (d.channel() == Channel.SMS ? ".sms" : ".body"), values);
        // telehealth: one "Join online" line with the client's join link (never the meeting link itself)
        JoinLinks join = joinLinks.getIfAvailable();
        if (join != null && d.audience() == Audience.CLIENT && MessageKind.aboutSession(d.kind())
                && !d.kind().equals(MessageKind.CANCELLATION) && d.bookingId() != null) {
            String line = join.forBooking(d.bookingId()).map(url -> templates.text(language, "JOIN_ONLINE.line",
                    Map.of("link", url))).orElse(null);
            text = line == null ? text : d.channel() == Channel.SMS ? text + " " + line : text + "\n" + line + "\n";
        }
        String calendar = null;
        boolean cancel = d.kind().equals(MessageKind.CANCELLATION);
        if (d.channel() == Channel.EMAIL && MessageKind.aboutSession(d.kind()) && program != null) {
            calendar = CalendarInvite.of(d.bookingId(), d.sessionStartsAt(), d.sessionEndsAt(), d.calendarSequence(),
                    cancel, templates.text(language, "CALENDAR.summary", values), program.locationLabel(),
                    templates.text(language, "CALENDAR.description", values), organizer);
        }
        return new OutgoingMessage(to, subject, text, calendar, cancel);
    }
}
