package org.openiop.notification.clientlink;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;

/**
 * The client's appointments as a subscribable calendar (RFC 5545). Each event's UID is the booking, as in the
 * invitations the reminder emails carry, so a calendar holding both shows one entry. Summary: "Appointment", and the
 * neutral location label: nothing says what the appointment is for.
 */
final class CalendarFeed {

    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private CalendarFeed() {
    }

    static String of(List<Appointment> appointments) {
        Calendar calendar = new Calendar().withProdId("-//OpenIOP//Client calendar 1.0//EN").withDefaults()
                .getFluentTarget();
        // local times of each program's zone, with its VTIMEZONE, as in the emailed invitations
        Set<String> zones = new TreeSet<>();
        appointments.forEach(a -> zones.add(a.timeZone()));
        zones.forEach(zone -> calendar.add(ZONES.getTimeZone(zone).getVTimeZone()));
        for (Appointment a : appointments) {
            ZoneId zone = ZoneId.of(a.timeZone());
            VEvent event = new VEvent(a.startsAt().atZone(zone), a.endsAt().atZone(zone), "Appointment");
            event.add(new Uid(a.id() + "@openiop"));
            if (a.place() != null) {
                event.add(new Location(a.place()));
            }
            event.add(new Status(Status.VALUE_CONFIRMED));
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
