package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openiop.notification.NotificationApplication;
import org.openiop.notification.contact.TwilioSignature;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;

/**
 * Messages people can trust (issue 14), through the three running services with the notification service as
 * deploy/local/start runs it: email to its real SMTP server (GreenMail), SMS to its Twilio-compatible sink, both read
 * back from the sinks' API. Officer alerts by episode and horizon, a follow-up dropped after a correction, both zones
 * for a client abroad with the .ics in the program's zone, SMS skipped at once after STOP.
 */
class TrustedMessagesTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final String CLIENT_NAME = "Jordan Rivera";

    static Platform platform;
    static int notificationPort;
    static Api admin;
    static Api staff;
    static Api staffAttendance;
    static Api staffNotification;

    @BeforeAll
    static void start() {
        notificationPort = freePort();
        platform = new Platform(Map.of(NotificationApplication.class, List.of("spring.profiles.active=local",
                "server.port=" + notificationPort, "iop.notification.local.smtp-port=" + freePort(),
                "iop.notification.dispatch.poll-interval=200ms")));
        admin = new Api(platform.scheduling, "admin", "iop-admin");
        staff = new Api(platform.scheduling, "staff", "iop-staff");
        staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        staffNotification = new Api(platform.notification, "staff", "iop-staff");
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    record Program(String id, String name, String officer) {
    }

    /** A New York program whose week starts on {@code weekStart}; its alerts go to its own addresses. */
    static Program program(DayOfWeek weekStart) {
        String name = "Riverside " + UUID.randomUUID().toString().substring(0, 6);
        String id = (String) admin.post("/api/programs", Map.of("name", name, "timeZone", NEW_YORK.getId(),
                "locationLabel", "Riverside Center, 2nd floor", "phone", "+12125550100", "weekStart",
                weekStart.name())).get("id");
        String officer = "officer-" + id + "@example.org";
        new Api(platform.notification, "admin", "iop-admin").put("/api/programs/" + id + "/notification-settings",
                Map.of("reminderOffsets", List.of("PT24H", "PT2H"), "channels", List.of("EMAIL", "SMS"),
                        "staffAlertEmails", List.of("staff-" + id + "@example.org"), "officerEmails",
                        List.of(officer), "complianceAlertMode", "IMMEDIATE", "digestTime", "07:00"));
        return new Program(id, name, officer);
    }

    static String enrol(Program program) {
        return (String) staff.post("/api/programs/" + program.id() + "/enrolments", Map.of("displayName", CLIENT_NAME,
                "dateOfBirth", "1990-04-02", "admissionDate", LocalDate.now(NEW_YORK).minusDays(10).toString()))
                .get("clientId");
    }

    static String session(Program program, LocalDate day) {
        return (String) staff.post("/api/programs/" + program.id() + "/sessions", Map.of("type", "GROUP",
                "date", day.toString(), "block", "MORNING", "capacity", 8)).get("id");
    }

    static String customSession(Program program, ZonedDateTime start, ZonedDateTime end) {
        return (String) staff.post("/api/programs/" + program.id() + "/sessions", Map.of("type", "GROUP",
                "date", start.toLocalDate().toString(), "startTime", start.toLocalTime().toString(),
                "endTime", end.toLocalTime().toString(), "capacity", 8)).get("id");
    }

    static String book(String sessionId, String clientId) {
        return (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId)).get("id");
    }

    static JdbcClient notificationDb() {
        return platform.bean(NotificationApplication.class, JdbcClient.class);
    }

    /** The client-week as the notification service last heard it: status and alert episode. */
    static String week(String clientId, LocalDate weekStart) {
        return notificationDb().sql("""
                SELECT status || ' ' || episode FROM client_week WHERE client_id = :c AND week_start = :w""")
                .param("c", clientId).param("w", weekStart).query(String.class).optional().orElse("none");
    }

    static List<Map<String, Object>> deliveries(String clientId, String kind) {
        return staffNotification.getList("/api/clients/" + clientId + "/deliveries").stream()
                .filter(d -> kind.equals(d.get("kind"))).toList();
    }

    static List<Map<String, Object>> sinkMessages(String channel, String to) {
        return staffNotification.getList("/api/outbox/messages?channel=" + channel + "&limit=1000").stream()
                .filter(m -> to.equals(m.get("to"))).toList();
    }

    @Test
    void an_officer_is_alerted_once_per_entry_into_at_risk_including_after_a_program_cancellation() {
        LocalDate today = LocalDate.now(NEW_YORK);
        Program program = program(today.getDayOfWeek()); // this week runs from today: every session below is in it
        String client = enrol(program);
        String first = session(program, today.plusDays(1));
        String second = session(program, today.plusDays(2));
        String third = session(program, today.plusDays(3));
        book(first, client);
        book(second, client);
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, today).equals("AT_RISK 1"));
        book(third, client); // 3 x 180 booked minutes reach the 540 minimum
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, today).equals("ON_TRACK 1"));
        assertThat(deliveries(client, "COMPLIANCE_ALERT")).hasSize(1);

        // the program cancels Wednesday's session (or whichever is third): ON_TRACK -> AT_RISK alerts, not swallowed
        staff.post("/api/sessions/" + third + "/cancel", Map.of("reason", "PROGRAM_CLOSURE"));
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, today).equals("AT_RISK 2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sinkMessages("EMAIL", program.officer()).size() == 2);

        // leaving (a new booking) and re-entering (the client cancels it) alerts again
        String booking = book(session(program, today.plusDays(4)), client);
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, today).equals("ON_TRACK 2"));
        staff.post("/api/bookings/" + booking + "/cancel", Map.of("reason", "CLIENT_REQUEST"));
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, today).equals("AT_RISK 3"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sinkMessages("EMAIL", program.officer()).size() == 3);

        assertThat(deliveries(client, "COMPLIANCE_ALERT")).extracting(d -> d.get("status") + " " + d.get("reason"))
                .hasSize(3).allMatch(r -> r.startsWith("SENT "))
                .anyMatch(r -> r.startsWith("SENT ON_TRACK -> AT_RISK (episode 2): attended 0 of 540 minutes; 360"))
                .anyMatch(r -> r.startsWith("SENT ON_TRACK -> AT_RISK (episode 3)"));
        // what the officers read: the program, what happened, how many, where to look; never who
        assertThat(sinkMessages("EMAIL", program.officer())).allSatisfy(m -> {
            assertThat((String) m.get("subject")).isEqualTo(program.name() + ": 1 client now at risk for the week of "
                    + today);
            assertThat((String) m.get("body")).contains("1 client went from")
                    .contains("/officer/programs/" + program.id() + "/weeks/" + today + "?status=AT_RISK")
                    .doesNotContain(client).doesNotContain(CLIENT_NAME).doesNotContain("Rivera");
        });
    }

    @Test
    void the_first_booking_of_a_week_three_months_ahead_alerts_nobody() {
        Program program = program(DayOfWeek.MONDAY);
        String client = enrol(program);
        LocalDate day = LocalDate.now(NEW_YORK).plusMonths(3);
        LocalDate weekStart = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        book(session(program, day), client);

        // the projection calls the far week AT_RISK (0 of 540, 180 booked): an episode, but beyond the horizon
        await().atMost(Duration.ofSeconds(60)).until(() -> week(client, weekStart).equals("AT_RISK 1"));
        assertThat(notificationDb().sql("SELECT alerted_episode FROM client_week WHERE client_id = :c")
                .param("c", client).query(Integer.class).single()).isZero();
        assertThat(deliveries(client, "COMPLIANCE_ALERT")).isEmpty();
        assertThat(sinkMessages("EMAIL", program.officer())).isEmpty();
    }

    @Test
    void a_follow_up_for_an_absence_corrected_to_attended_before_sending_is_dropped_and_never_reaches_the_server()
            throws Exception {
        Program program = program(DayOfWeek.MONDAY);
        String client = enrol(program); // no contact details yet: the follow-up waits for them
        ZonedDateTime start = ZonedDateTime.now(NEW_YORK).truncatedTo(ChronoUnit.MINUTES).plusMinutes(2);
        ZonedDateTime end = start.plusMinutes(20);
        Assumptions.assumeTrue(end.toLocalDate().equals(start.toLocalDate()), "not across New York's midnight");
        String booking = book(customSession(program, start, end), client);

        sleepUntil(start.toInstant().plusSeconds(2)); // an absence is recorded once the session has started
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> staffAttendance.post(
                "/api/bookings/" + booking + "/absence", Map.of("reason", "UNEXCUSED")) != null);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                staffNotification.getList("/api/bookings/" + booking + "/reminders"))
                .extracting(r -> r.get("kind") + " " + r.get("detail"))
                .contains("MISSED_FOLLOW_UP waiting for contact details"));

        // the client was there after all: corrected to attended (checked out a minute in, so nothing in the future)
        sleepUntil(start.toInstant().plusSeconds(65));
        staffAttendance.post("/api/bookings/" + booking + "/attendance/corrections", Map.of("outcome", "ATTENDED",
                "checkedInAt", start.toInstant().toString(), "checkedOutAt", start.plusMinutes(1).toInstant().toString(),
                "reason", "arrived; the absence was recorded by mistake"));
        await().atMost(Duration.ofSeconds(60)).until(() -> notificationDb().sql(
                "SELECT count(*) FROM attendance_outcome WHERE booking_id = :b AND outcome = 'ATTENDED'")
                .param("b", booking).query(Long.class).single() == 1);

        String email = "corrected-" + client + "@example.org";
        staffNotification.put("/api/clients/" + client + "/contact", Map.of("email", email, "channels", List.of("EMAIL"),
                "consent", Map.of("EMAIL", true), "language", "en"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                staffNotification.getList("/api/bookings/" + booking + "/reminders"))
                .filteredOn(r -> "MISSED_FOLLOW_UP".equals(r.get("kind")))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("status") + " " + r.get("detail"))
                        .isEqualTo("DROPPED attendance corrected to ATTENDED")));
        assertThat(sinkMessages("EMAIL", email)).isEmpty();
    }

    @Test
    void a_london_clients_confirmation_of_a_new_york_session_shows_both_zones_and_its_ics_is_in_new_york_time()
            throws Exception {
        Program program = program(DayOfWeek.MONDAY);
        String client = enrol(program);
        String email = "london-" + client + "@example.org";
        staffNotification.put("/api/clients/" + client + "/contact", Map.of("email", email, "channels",
                List.of("EMAIL"), "consent", Map.of("EMAIL", true), "language", "en", "timeZone", LONDON.getId()));
        // within 24 hours: one confirmation at once instead of the reminders
        ZonedDateTime start = ZonedDateTime.now(NEW_YORK).truncatedTo(ChronoUnit.HOURS).plusHours(3);
        if (!start.plusMinutes(30).toLocalDate().equals(start.toLocalDate())) {
            start = start.toLocalDate().plusDays(1).atTime(LocalTime.of(0, 30)).atZone(NEW_YORK);
        }
        book(customSession(program, start, start.plusMinutes(30)), client);

        Map<String, Object> confirmation = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> sinkMessages("EMAIL", email).get(0), m -> m != null);
        DateTimeFormatter time = DateTimeFormatter.ofPattern("h:mm a z", Locale.ENGLISH);
        String both = time.format(start) + " (" + time.format(start.withZoneSameInstant(LONDON)) + ")";
        assertThat((String) confirmation.get("subject")).startsWith("Appointment confirmed: ");
        assertThat((String) confirmation.get("body")).contains(" at " + both + ", Riverside Center, 2nd floor");

        // the .ics as the sink received it: parses, carries New York's VTIMEZONE and local times there
        Calendar ics = new CalendarBuilder().build(new StringReader((String) confirmation.get("calendar")));
        assertThat(ics.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow()
                .<Property>getProperty(Property.TZID).orElseThrow().getValue()).isEqualTo("America/New_York");
        VEvent event = ics.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        Property dtStart = event.getProperty(Property.DTSTART).orElseThrow();
        assertThat(dtStart.getParameter("TZID").orElseThrow().getValue()).isEqualTo("America/New_York");
        assertThat(dtStart.getValue()).isEqualTo(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(start));
    }

    @Test
    void after_stop_the_new_sms_reminders_are_skipped_at_once() {
        Program program = program(DayOfWeek.MONDAY);
        String client = enrol(program);
        String phone = "+1212" + ThreadLocalRandom.current().nextInt(200, 1000)
                + String.format("%04d", ThreadLocalRandom.current().nextInt(10000));
        staffNotification.put("/api/clients/" + client + "/contact", Map.of("phone", phone, "channels",
                List.of("SMS"), "consent", Map.of("SMS", true), "language", "en"));
        Map<String, String> stop = Map.of("From", phone, "To", "+15005550006", "Body", "STOP", "MessageSid", "SM-in");
        String url = "http://127.0.0.1:" + notificationPort + "/api/sms/inbound";
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        stop.forEach(form::add);
        RestClient.create().post().uri(url).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", TwilioSignature.sign("local-token", url, new HashMap<>(stop)))
                .body(form).retrieve().toBodilessEntity();
        assertThat(staffNotification.get("/api/clients/" + client + "/contact")).containsEntry("smsOptedOut", true);

        String booking = book(session(program, LocalDate.now(NEW_YORK).plusDays(3)), client);
        List<Map<String, Object>> planned = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> staffNotification.getList("/api/bookings/" + booking + "/reminders"), r -> r.size() >= 2);
        assertThat(planned).extracting(r -> r.get("kind") + " " + r.get("channel") + " " + r.get("status") + " "
                + r.get("detail")).containsExactlyInAnyOrder("REMINDER_24H SMS SKIPPED opted out by SMS reply",
                        "REMINDER_2H SMS SKIPPED opted out by SMS reply");
        assertThat(sinkMessages("SMS", phone)).isEmpty();
    }

    private static void sleepUntil(Instant at) {
        await().atMost(Duration.between(Instant.now(), at).plusSeconds(5).abs()).pollInterval(Duration.ofMillis(50))
                .until(() -> !Instant.now().isBefore(at));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
