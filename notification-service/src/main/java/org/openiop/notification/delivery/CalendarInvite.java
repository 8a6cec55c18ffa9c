package org.openiop.notification.delivery;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;

/**
 * The {@code .ics} attached to session emails (RFC 5545): one event whose UID is the booking, so a calendar updates
 * the same entry on a change (higher SEQUENCE) and removes it on a cancellation (METHOD:CANCEL). Times are local
 * times of the program's zone (DTSTART;TZID=America/New_York:...) with that zone's VTIMEZONE, so the entry keeps its
 * wall-clock time across a DST change and reads as the program states it. Summary and location stay as neutral as
 * the message text.
 */
final class CalendarInvite {

    static final String PRODUCT_ID = "-//OpenIOP//Notification Service 1.0//EN";
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private CalendarInvite() {
    }

    /** @param organizer the sender's address (iTIP requires an ORGANIZER on PUBLISH and CANCEL) */
    static String of(String bookingId, Instant startsAt, Instant endsAt, ZoneId zone, int sequence, boolean cancelled,
            String summary, String location, String description, String organizer) {
        VTimeZone timeZone = ZONES.getTimeZone(zone.getId()).getVTimeZone();
        VEvent event = new VEvent(startsAt.atZone(zone), endsAt.atZone(zone), summary);
        event.add(new Uid(bookingId + "@openiop"));
        event.add(new Sequence(sequence));
        event.add(new Organizer(URI.create("mailto:" + organizer)));
        event.add(new Location(location));
        event.add(new Description(description));
        event.add(new Status(cancelled ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
        Calendar calendar = new Calendar().withProdId(PRODUCT_ID).withDefaults()
                .withProperty(new Method(cancelled ? Method.VALUE_CANCEL : Method.VALUE_PUBLISH))
                .withComponent(timeZone).withComponent(event).getFluentTarget();
        StringWriter out = new StringWriter();
        try {
            // Not validated per message: validation was a fifth of the CPU of a reminder burst (JFR), and the
            // shape never varies; ReminderEmailTest validates a publish and a cancel against RFC 5545.
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
