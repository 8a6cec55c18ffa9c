package org.openiop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;

import org.junit.jupiter.api.Test;
import org.openiop.notification.contact.Language;

/** Times people cannot misread: the program's zone with its short name, the client's too where it differs. */
class ZonedTimesTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final Instant WINTER_0930 = ZonedDateTime.of(2027, 1, 12, 9, 30, 0, 0, NEW_YORK).toInstant();
    static final Instant SUMMER_0930 = ZonedDateTime.of(2027, 7, 13, 9, 30, 0, 0, NEW_YORK).toInstant();

    @Test
    void both_zones_each_with_its_short_name_when_the_client_lives_elsewhere() {
        assertThat(MessageComposer.time(WINTER_0930, Language.en, NEW_YORK, LONDON)).isEqualTo("9:30 AM EST (2:30 PM GMT)");
        assertThat(MessageComposer.time(SUMMER_0930, Language.en, NEW_YORK, LONDON))
                .isEqualTo("9:30 AM EDT (2:30 PM BST)");
    }

    @Test
    void one_zone_when_the_client_reads_the_same_time() {
        assertThat(MessageComposer.time(WINTER_0930, Language.en, NEW_YORK, NEW_YORK)).isEqualTo("9:30 AM EST");
        // another region with the same clock and zone name says nothing new
        assertThat(MessageComposer.time(WINTER_0930, Language.en, NEW_YORK, ZoneId.of("America/Detroit")))
                .isEqualTo("9:30 AM EST");
    }

    @Test
    void spanish_uses_the_24_hour_clock_with_the_zone() {
        String time = MessageComposer.time(WINTER_0930, Language.es, NEW_YORK, LONDON);
        assertThat(time).startsWith("9:30 ").contains("(14:30 ").doesNotContain("AM");
    }

    @Test
    void the_calendar_entry_is_in_the_programs_zone_with_its_vtimezone() throws Exception {
        String ics = CalendarInvite.of("b-1", WINTER_0930, WINTER_0930.plusSeconds(3 * 3600), NEW_YORK, 2, false,
                "Appointment", "Suite 200", "Questions: +12125550100", "reminders@openiop.local");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VTimeZone zone = calendar.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
        assertThat(zone.<Property>getProperty(Property.TZID).orElseThrow().getValue()).isEqualTo("America/New_York");
        VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        Property start = event.getProperty(Property.DTSTART).orElseThrow();
        assertThat(start.<TzId>getParameter("TZID").orElseThrow().getValue()).isEqualTo("America/New_York");
        assertThat(start.getValue()).isEqualTo("20270112T093000");
        assertThat(ics).contains("DTSTART;TZID=America/New_York:20270112T093000")
                .contains("DTEND;TZID=America/New_York:20270112T123000").contains("BEGIN:VTIMEZONE");
    }
}
