package org.openiop.notification.delivery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Language;
import org.openiop.notification.program.Program;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Writes a queued message in the recipient's language. The session's date and time are in the program's zone, each
 * time with its zone's short name, followed by the time in the client's own zone where that differs ("9:30 AM EST
 * (2:30 PM GMT)"). Client messages say only what the templates allow: date, time, location label, program phone;
 * staff and officer alerts also the program's name, never a client's name or id.
 */
@Component
public class MessageComposer {

    private static final Map<Language, DateTimeFormatter> DATES = Map.of(
            Language.en, DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Language.en.locale()),
            Language.es, DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'de' yyyy", Language.es.locale()));
    // the zone's short name after the time ("9:30 AM EST"): a time without its zone is misread across zones
    private static final Map<Language, DateTimeFormatter> TIMES = Map.of(
            Language.en, DateTimeFormatter.ofPattern("h:mm a z", Language.en.locale()),
            Language.es, DateTimeFormatter.ofPattern("H:mm z", Language.es.locale()));

    // a held seat's deadline: the time first, then the day ("2:30 PM EST on Tuesday, March 10")
    private static final Map<Language, DateTimeFormatter> UNTIL_DAYS = Map.of(
            Language.en, DateTimeFormatter.ofPattern("EEEE, MMMM d", Language.en.locale()),
            Language.es, DateTimeFormatter.ofPattern("EEEE d 'de' MMMM", Language.es.locale()));

    private final Templates templates = new Templates();
    private final String organizer;
    private final ObjectProvider<ClientPages> clientLinks;
    private final ObjectProvider<VideoSessions> joinLinks;

    public MessageComposer(NotificationProperties properties, ObjectProvider<ClientPages> clientLinks,
            ObjectProvider<VideoSessions> joinLinks) {
        this.organizer = properties.email().from();
        this.clientLinks = clientLinks;
        this.joinLinks = joinLinks;
    }

    public Templates templates() {
        return templates;
    }

    /**
     * @param clientZone the recipient's own zone (a client's contact zone, else the program's)
     * @param program    the program (location label, phone, name); may be null for staff and officer messages
     */
    public OutgoingMessage compose(Delivery d, String to, Language language, ZoneId clientZone, Program program) {
        return compose(d, to, language, clientZone, program, null);
    }

    /** @param online whether the booking is in a video session, or null to look it up */
    public OutgoingMessage compose(Delivery d, String to, Language language, ZoneId clientZone, Program program,
            Boolean online) {
        Map<String, String> values = new HashMap<>(d.details());
        ZoneId programZone = d.timeZone() != null ? ZoneId.of(d.timeZone())
                : program != null ? program.timeZone() : clientZone;
        if (d.sessionStartsAt() != null) {
            values.put("date", DATES.get(language).format(d.sessionStartsAt().atZone(programZone)));
            values.put("time", time(d.sessionStartsAt(), language, programZone, clientZone));
        }
        String heldUntil = d.details().get(MessageKind.HELD_UNTIL);
        if (heldUntil != null) {
            java.time.Instant until = java.time.Instant.parse(heldUntil);
            values.put("until", templates.text(language, "UNTIL.format", Map.of("time",
                    time(until, language, programZone, clientZone),
                    "date", UNTIL_DAYS.get(language).format(until.atZone(programZone)))));
        }
        if (d.audience() != Audience.CLIENT) {
            // staff and officers only: a program's name may say what it treats
            values.put("site", program != null && program.name() != null ? program.name()
                    : templates.text(language, "SITE.unnamed", Map.of()));
        }
        String reason = d.details().get("reason");
        if (MessageKind.STAFF_MISSED_ALERT.equals(d.kind()) && reason != null
                && templates.all(language).containsKey("MISSED_REASON." + reason)) {
            // staff read "an unexcused absence", not the event's code; a code this version does not know stays as sent
            values.put("reason", templates.text(language, "MISSED_REASON." + reason, Map.of()));
        }
        if (program != null) {
            values.put("location", program.locationLabel());
            values.put("phone", program.phone());
        }
        if (d.audience() == Audience.CLIENT && MessageKind.carriesClientLink(d.kind()) && d.clientId() != null) {
            // the client's own page (upcoming appointments, calendar, preferences) through a signed link
            ClientPages links = clientLinks.getIfAvailable();
            values.put("link", links == null ? "" : links.pageFor(d.clientId()).orElse(""));
        }
        String template = MessageKind.template(d.kind());
        String subject = templates.text(language, template + ".subject", values);
        String text = templates.text(language, template + (d.channel() == Channel.SMS ? ".sms" : ".body"), values);
        // telehealth: one "Join online" line with the client's join link (never the meeting link itself)
        VideoSessions join = joinLinks.getIfAvailable();
        if (join != null && d.audience() == Audience.CLIENT && MessageKind.aboutSession(d.kind())
                && !d.kind().equals(MessageKind.CANCELLATION) && d.bookingId() != null) {
            String line = (online == null ? join.joinLink(d.bookingId()) : join.joinLink(d.bookingId(), online))
                    .map(url -> templates.text(language, "JOIN_ONLINE.line", Map.of("link", url))).orElse(null);
            text = line == null ? text : d.channel() == Channel.SMS ? text + " " + line : text + "\n" + line + "\n";
        }
        String calendar = null;
        boolean cancel = d.kind().equals(MessageKind.CANCELLATION);
        if (d.channel() == Channel.EMAIL && MessageKind.aboutSession(d.kind()) && program != null) {
            calendar = CalendarInvite.of(d.bookingId(), d.sessionStartsAt(), d.sessionEndsAt(), programZone,
                    d.calendarSequence(),
                    cancel, templates.text(language, "CALENDAR.summary", values), program.locationLabel(),
                    templates.text(language, "CALENDAR.description", values), organizer);
        }
        return new OutgoingMessage(to, subject, text, calendar, cancel);
    }

    /** The time in the program's zone, and in the client's own zone too where that reads differently. */
    static String time(java.time.Instant at, Language language, ZoneId programZone, ZoneId clientZone) {
        String there = TIMES.get(language).format(at.atZone(programZone));
        String own = TIMES.get(language).format(at.atZone(clientZone));
        return own.equals(there) ? there : there + " (" + own + ")";
    }
}
