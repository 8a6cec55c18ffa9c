package org.openiop.notification.reminder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.events.ChangeReason;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.notification.IntegrationTest;

import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** Reminders by email through a real SMTP server: timing, local time, language, calendar, changes, duplicates. */
class ReminderEmailTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static final String NEW_YORK = "America/New_York";

    static Instant at(String localDateTime, String zone) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone)).toInstant();
    }

    @Test
    void reminder_email_gives_the_local_time_across_a_dst_change_in_two_zones_and_languages_with_a_valid_ics()
            throws Exception {
        String program = programConfigured(NEW_YORK);
        String inNewYork = id();
        String inMadrid = id();
        String nyEmail = "ny-" + inNewYork + "@example.org";
        String madridEmail = "md-" + inMadrid + "@example.org";
        contact(inNewYork, emailContact(nyEmail, "en", null));
        contact(inMadrid, emailContact(madridEmail, "es", "Europe/Madrid"));
        // New York's clocks went forward on 2027-03-14; Madrid's only on 2027-03-28: 13:00Z is 09:00 EDT, 14:00 CET
        Instant start = at("2027-03-15T09:00", NEW_YORK);
        SessionScheduled ny = scheduled(program, inNewYork, start, NEW_YORK, Instant.parse("2027-03-01T12:00:00Z"));
        SessionScheduled madrid = scheduled(program, inMadrid, start, NEW_YORK, Instant.parse("2027-03-01T12:00:00Z"));
        publish(topics.sessions(), inNewYork, ny);
        publish(topics.sessions(), inMadrid, madrid);

        List<Map<String, Object>> planned = awaitReminders(ny.getBookingId(), 2);
        assertThat(planned).extracting(r -> r.get("kind") + " " + r.get("channel") + " " + r.get("dueAt"))
                .contains("REMINDER_24H EMAIL 2027-03-14T13:00:00Z", "REMINDER_2H EMAIL 2027-03-15T11:00:00Z");
        awaitReminders(madrid.getBookingId(), 2);

        clock.setNow(Instant.parse("2027-03-14T13:00:05Z"));
        MimeMessage english = awaitEmails(nyEmail, 1).get(0);
        MimeMessage spanish = awaitEmails(madridEmail, 1).get(0);

        assertThat(english.getSubject()).isEqualTo("Reminder: appointment on Monday, March 15, 2027");
        assertThat(text(english)).contains("Monday, March 15, 2027 at 9:00 AM EDT, Suite 200, 15 Elm Street")
                .contains("+12125550188");
        assertThat(spanish.getSubject()).isEqualTo("Recordatorio: cita el lunes 15 de marzo de 2027");
        assertThat(text(spanish)).contains("lunes 15 de marzo de 2027 a las 9:00 EDT (14:00 CET), Suite 200, 15 Elm Street");

        Calendar ics = new CalendarBuilder().build(new StringReader(calendar(english)));
        assertThat(ics.validate().hasErrors()).as(ics.validate().toString()).isFalse();
        assertThat(ics.getProperty(Property.METHOD).map(Property::getValue)).contains("PUBLISH");
        VEvent event = ics.<VEvent>getComponents("VEVENT").get(0);
        assertThat(Instant.from(event.<Temporal>getDateTimeStart().getDate())).isEqualTo(start);
        assertThat(Instant.from(event.<Temporal>getDateTimeEnd().getDate())).isEqualTo(start.plus(Duration.ofHours(3)));
        assertThat(event.getUid().map(Property::getValue)).contains(ny.getBookingId() + "@openiop");
        assertThat(event.getLocation().getValue()).isEqualTo("Suite 200, 15 Elm Street");

        await().untilAsserted(() -> assertThat(reminders(ny.getBookingId()))
                .filteredOn(r -> r.get("kind").equals("REMINDER_24H"))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("status")).isEqualTo("SENT");
                    assertThat(r.get("attempts")).isEqualTo(1);
                    assertThat((String) r.get("providerId")).isNotBlank();
                }));
    }

    @Test
    void a_booking_made_inside_the_offsets_gets_a_confirmation_instead_of_late_reminders() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "c-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        SessionScheduled booking = scheduled(program, client, Instant.now().plus(Duration.ofMinutes(90)), NEW_YORK,
                Instant.now());
        publish(topics.sessions(), client, booking);

        MimeMessage confirmation = awaitEmails(email, 1).get(0);

        assertThat(confirmation.getSubject()).startsWith("Appointment confirmed: ");
        assertThat(reminders(booking.getBookingId())).extracting(r -> r.get("kind")).containsOnly("CONFIRMATION");
    }

    @Test
    void a_reschedule_sends_one_change_notice_and_replans_the_reminders() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "c-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant first = at("2027-05-10T09:00", NEW_YORK);
        Instant moved = at("2027-05-12T15:30", NEW_YORK);
        SessionScheduled booking = scheduled(program, client, first, NEW_YORK, Instant.parse("2027-05-01T12:00:00Z"));
        publish(topics.sessions(), client, booking);
        awaitReminders(booking.getBookingId(), 2);

        clock.setNow(Instant.parse("2027-05-02T12:00:10Z"));
        SessionRescheduled reschedule = rescheduled(booking, moved, Instant.parse("2027-05-02T12:00:00Z"));
        publish(topics.sessions(), client, reschedule);
        publish(topics.sessions(), client, reschedule); // redelivered
        SessionRescheduled again = rescheduled(booking, moved, Instant.parse("2027-05-02T12:00:01Z"));
        publish(topics.sessions(), client, again); // the same move announced twice

        MimeMessage notice = awaitEmails(email, 1).get(0);
        assertThat(notice.getSubject()).isEqualTo("Appointment changed: now Wednesday, May 12, 2027");
        assertThat(text(notice)).contains("Wednesday, May 12, 2027 at 3:30 PM EDT");
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .extracting(r -> r.get("kind") + " " + r.get("status") + " " + r.get("dueAt"))
                .containsExactlyInAnyOrder(
                        "REMINDER_24H DROPPED 2027-05-09T13:00:00Z", "REMINDER_2H DROPPED 2027-05-10T11:00:00Z",
                        "CHANGE_NOTICE SENT 2027-05-02T12:00:00Z",
                        "REMINDER_24H PLANNED 2027-05-11T19:30:00Z", "REMINDER_2H PLANNED 2027-05-12T17:30:00Z"));
        assertThat(emailsTo(email)).hasSize(1);
        try {
            assertThat(calendar(notice)).contains("SEQUENCE:1");
        } finally {
            clock.reset();
        }
    }

    @Test
    void a_duplicate_session_scheduled_produces_no_second_reminder() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "c-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant start = at("2027-06-10T09:00", NEW_YORK);
        SessionScheduled booking = scheduled(program, client, start, NEW_YORK, Instant.parse("2027-06-01T12:00:00Z"));
        publish(topics.sessions(), client, booking);
        publish(topics.sessions(), client, booking); // redelivered: same event id
        SessionScheduled duplicate = SessionScheduled.newBuilder(booking).setEventId(id())
                .setOccurredAt(Instant.parse("2027-06-01T12:00:05Z")).build();
        publish(topics.sessions(), client, duplicate); // the same booking announced again with a new event id

        SessionScheduled marker = scheduled(program, client, start.plus(Duration.ofDays(1)), NEW_YORK,
                Instant.parse("2027-06-01T12:00:10Z"));
        publish(topics.sessions(), client, marker);
        awaitReminders(marker.getBookingId(), 2); // same client, same partition: everything before it is applied

        assertThat(reminders(booking.getBookingId())).extracting(r -> r.get("kind") + " " + r.get("channel"))
                .containsExactlyInAnyOrder("REMINDER_24H EMAIL", "REMINDER_2H EMAIL");

        clock.setNow(Instant.parse("2027-06-09T13:00:05Z"));
        awaitEmails(email, 1);
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .filteredOn(r -> r.get("kind").equals("REMINDER_24H")).singleElement()
                .satisfies(r -> assertThat(r.get("status")).isEqualTo("SENT")));
        assertThat(emailsTo(email)).hasSize(1);
    }

    @Test
    void a_cancellation_drops_the_reminders_and_sends_a_notice_that_removes_the_calendar_entry() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "c-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant start = at("2027-09-20T09:00", NEW_YORK);
        SessionScheduled booking = scheduled(program, client, start, NEW_YORK, Instant.parse("2027-09-01T12:00:00Z"));
        publish(topics.sessions(), client, booking);
        awaitReminders(booking.getBookingId(), 2);

        SessionScheduled afterDischarge = scheduled(program, client, start.plus(Duration.ofDays(2)), NEW_YORK,
                Instant.parse("2027-09-01T12:00:00Z"));
        publish(topics.sessions(), client, afterDischarge);
        awaitReminders(afterDischarge.getBookingId(), 2);

        clock.setNow(Instant.parse("2027-09-02T12:00:05Z"));
        publish(topics.sessions(), client, cancelled(booking, ChangeReason.CLIENT_REQUEST));
        // sessions cancelled because the client was discharged end quietly: no notice per remaining session
        publish(topics.sessions(), client, cancelled(afterDischarge, ChangeReason.CLIENT_DISCHARGED));

        MimeMessage notice = awaitEmails(email, 1).get(0);
        assertThat(notice.getSubject()).isEqualTo("Appointment cancelled: Monday, September 20, 2027");
        Calendar ics = new CalendarBuilder().build(new StringReader(calendar(notice)));
        assertThat(ics.validate().hasErrors()).as(ics.validate().toString()).isFalse();
        assertThat(ics.getProperty(Property.METHOD).map(Property::getValue)).contains("CANCEL");
        assertThat(ics.<VEvent>getComponents("VEVENT").get(0).getStatus().getValue()).isEqualTo("CANCELLED");
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .extracting(r -> r.get("kind") + " " + r.get("status"))
                .containsExactlyInAnyOrder("REMINDER_24H DROPPED", "REMINDER_2H DROPPED", "CANCELLATION SENT"));
        await().untilAsserted(() -> assertThat(reminders(afterDischarge.getBookingId()))
                .extracting(r -> r.get("kind") + " " + r.get("status"))
                .containsExactlyInAnyOrder("REMINDER_24H DROPPED", "REMINDER_2H DROPPED"));
        assertThat(emailsTo(email)).hasSize(1);
    }

    static SessionCancelled cancelled(SessionScheduled booking, ChangeReason reason) {
        return SessionCancelled.newBuilder().setEventId(id()).setOccurredAt(Instant.parse("2027-09-02T12:00:00Z"))
                .setClientId(booking.getClientId()).setProgramId(booking.getProgramId())
                .setBookingId(booking.getBookingId()).setSessionId(booking.getSessionId())
                .setSessionType(booking.getSessionType()).setBlock(booking.getBlock())
                .setStartsAt(booking.getStartsAt()).setEndsAt(booking.getEndsAt()).setTimeZone(booking.getTimeZone())
                .setReason(reason).build();
    }

    @Test
    void quiet_hours_move_a_reminder_earlier_and_no_consent_means_no_email() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "c-" + client + "@example.org";
        Map<String, Object> contact = new java.util.HashMap<>(emailContact(email, "en", null));
        contact.put("quietHours", Map.of("start", "21:00", "end", "08:00"));
        contact.put("consent", Map.of("EMAIL", false));
        contact(client, contact);
        Instant start = at("2027-10-12T08:30", NEW_YORK);
        SessionScheduled booking = scheduled(program, client, start, NEW_YORK, Instant.parse("2027-10-01T12:00:00Z"));
        publish(topics.sessions(), client, booking);

        // 2 h before 08:30 is 06:30, inside 21:00-08:00: moved to 20:59 the evening before (EDT = UTC-4)
        assertThat(awaitReminders(booking.getBookingId(), 2)).extracting(r -> r.get("kind") + " " + r.get("dueAt"))
                .containsExactlyInAnyOrder("REMINDER_24H 2027-10-11T12:30:00Z", "REMINDER_2H 2027-10-12T00:59:00Z");

        clock.setNow(Instant.parse("2027-10-11T12:30:05Z"));
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .filteredOn(r -> r.get("kind").equals("REMINDER_24H")).singleElement()
                .satisfies(r -> assertThat(r.get("status") + " " + r.get("detail"))
                        .isEqualTo("SKIPPED no consent for EMAIL")));
        assertThat(emailsTo(email)).isEmpty();
    }

    @Test
    void a_session_booked_before_its_program_and_contact_are_known_is_confirmed_once_they_arrive() throws Exception {
        String program = id(); // ProgramConfigured has not arrived yet
        String client = id(); // and staff have not recorded the contact yet
        String email = "late-" + client + "@example.org";
        SessionScheduled booking = scheduled(program, client, Instant.now().plus(Duration.ofMinutes(90)), NEW_YORK,
                Instant.now());
        publish(topics.sessions(), client, booking);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                reminders(booking.getBookingId())).extracting(r -> r.get("channel") + " " + r.get("detail"))
                .containsExactlyInAnyOrder("EMAIL waiting for contact details", "SMS waiting for contact details"));

        contact(client, emailContact(email, "en", null));
        // the SMS confirmation is dropped (by the re-plan, or by the send-time check if a worker held it): SMS is not
        // preferred
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .extracting(r -> r.get("channel") + " " + r.get("status") + " " + r.get("detail"))
                .hasSize(2).contains("EMAIL PLANNED waiting for the program's details")
                .anyMatch(r -> r.equals("SMS DROPPED no longer planned: times or preferences changed")
                        || r.equals("SMS DROPPED channel not preferred by the client")));

        programConfigured(program, NEW_YORK);
        MimeMessage confirmation = awaitEmails(email, 1).get(0);
        assertThat(confirmation.getSubject()).startsWith("Appointment confirmed: ");
        assertThat(text(confirmation)).contains("Suite 200, 15 Elm Street");
    }

    static SessionRescheduled rescheduled(SessionScheduled booking, Instant startsAt, Instant occurredAt) {
        return SessionRescheduled.newBuilder().setEventId(id()).setOccurredAt(occurredAt)
                .setClientId(booking.getClientId()).setProgramId(booking.getProgramId())
                .setBookingId(booking.getBookingId()).setSessionId(booking.getSessionId())
                .setSessionType(booking.getSessionType()).setBlock(booking.getBlock()).setStartsAt(startsAt)
                .setEndsAt(startsAt.plus(Duration.ofHours(3))).setTimeZone(booking.getTimeZone())
                .setPreviousStartsAt(booking.getStartsAt()).setPreviousEndsAt(booking.getEndsAt())
                .setReason(ChangeReason.CLIENT_REQUEST).build();
    }

    @Test
    void reminders_that_cannot_be_sent_are_skipped_when_planned_and_planned_again_when_consent_returns() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "consent-" + client + "@example.org";
        Map<String, Object> contact = new java.util.HashMap<>(emailContact(email, "en", null));
        contact.put("consent", Map.of("EMAIL", false));
        contact(client, contact);
        SessionScheduled booking = scheduled(program, client, Instant.now().plus(Duration.ofDays(20)), NEW_YORK,
                Instant.now());
        publish(topics.sessions(), client, booking);

        // at once, long before they are due: the log does not show as planned what cannot go out
        assertThat(awaitReminders(booking.getBookingId(), 2)).extracting(r -> r.get("status") + " " + r.get("detail"))
                .containsOnly("SKIPPED no consent for EMAIL");

        contact.put("consent", Map.of("EMAIL", true));
        contact(client, contact);
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .extracting(r -> r.get("kind") + " " + r.get("status"))
                .containsExactlyInAnyOrder("REMINDER_24H PLANNED", "REMINDER_2H PLANNED"));
    }

    @Test
    void a_reminder_for_a_client_discharged_since_it_was_planned_is_dropped_at_send_time() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "discharged-" + client + "@example.org";
        contact(client, emailContact(email, "en", null));
        Instant start = at("2027-06-10T09:00", NEW_YORK);
        SessionScheduled booking = scheduled(program, client, start, NEW_YORK, Instant.parse("2027-06-01T12:00:00Z"));
        publish(topics.sessions(), client, booking);
        awaitReminders(booking.getBookingId(), 2);
        org.openiop.events.ClientDischarged discharged = org.openiop.events.ClientDischarged.newBuilder()
                .setEventId(id()).setOccurredAt(Instant.now()).setClientId(client).setProgramId(program)
                .setDischargeDate(java.time.LocalDate.of(2027, 6, 8)).build();
        publish(topics.clients(), client, discharged);
        await().until(() -> jdbc.sql("SELECT count(*) FROM enrolment WHERE client_id = :c AND discharged_on IS NOT NULL")
                .param("c", client).query(Long.class).single() == 1);

        clock.setNow(Instant.parse("2027-06-09T13:00:05Z"));
        await().untilAsserted(() -> assertThat(reminders(booking.getBookingId()))
                .filteredOn(r -> r.get("kind").equals("REMINDER_24H")).singleElement()
                .satisfies(r -> assertThat(r.get("status") + " " + r.get("detail")).isEqualTo("DROPPED client discharged")));
        assertThat(emailsTo(email)).isEmpty();
    }
}
