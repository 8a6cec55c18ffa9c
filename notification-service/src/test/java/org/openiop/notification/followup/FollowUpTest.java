package org.openiop.notification.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.events.Block;
import org.openiop.events.ComplianceStatus;
import org.openiop.events.MissedReason;
import org.openiop.events.SessionMissed;
import org.openiop.events.SessionType;
import org.openiop.events.Track;
import org.openiop.events.WeeklyComplianceChanged;
import org.openiop.notification.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.internet.MimeMessage;

/** Missed sessions and weekly compliance changes: who hears about them, and when. */
class FollowUpTest extends IntegrationTest {

    static final String NEW_YORK = "America/New_York";

    @Autowired
    ComplianceAlerts complianceAlerts;
    @Autowired
    JdbcClient jdbc;

    private void settings(String program, List<String> staff, List<String> officers, String mode) {
        api("admin", "iop-admin").put().uri("/api/programs/{id}/notification-settings", program)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reminderOffsets", List.of("PT24H", "PT2H"), "channels", List.of("EMAIL"),
                        "staffAlertEmails", staff, "officerEmails", officers, "complianceAlertMode", mode,
                        "digestTime", "07:00"))
                .retrieve().toBodilessEntity();
    }

    private SessionMissed missed(String program, String client, String booking, Instant start, int revision,
            MissedReason reason) {
        return SessionMissed.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setClientId(client)
                .setProgramId(program).setBookingId(booking).setSessionId(id()).setSessionType(SessionType.GROUP)
                .setBlock(Block.EVENING).setStartsAt(start).setEndsAt(start.plus(Duration.ofHours(3)))
                .setTimeZone(NEW_YORK).setReason(reason).setAutomatic(true).setRevision(revision)
                .setRecordedBy("system").build();
    }

    private WeeklyComplianceChanged compliance(String program, String client, ComplianceStatus previous,
            ComplianceStatus status) {
        return compliance(program, client, LocalDate.of(2026, 11, 16), previous, status);
    }

    private WeeklyComplianceChanged compliance(String program, String client, LocalDate week,
            ComplianceStatus previous, ComplianceStatus status) {
        return WeeklyComplianceChanged.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(client).setProgramId(program).setWeekStart(week)
                .setTrack(Track.ADULT).setAttendedMinutes(180).setScheduledRemainingMinutes(180)
                .setMinimumMinutes(540).setPreviousStatus(previous).setStatus(status).build();
    }

    @Test
    void a_missed_session_sends_we_missed_you_to_the_client_and_alerts_staff_once() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String clientEmail = "c-" + client + "@example.org";
        String staffEmail = "staff-" + program + "@example.org";
        settings(program, List.of(staffEmail), List.of(), "IMMEDIATE");
        contact(client, emailContact(clientEmail, "en", null));
        String booking = id();
        Instant start = LocalDateTime.parse("2026-11-18T18:00").atZone(ZoneId.of(NEW_YORK)).toInstant();

        publish(topics.attendance(), client, missed(program, client, booking, start, 1, MissedReason.NO_SHOW));
        publish(topics.attendance(), client, missed(program, client, booking, start, 2, MissedReason.UNEXCUSED));

        MimeMessage toClient = awaitEmails(clientEmail, 1).get(0);
        MimeMessage toStaff = awaitEmails(staffEmail, 1).get(0);
        assertThat(toClient.getSubject()).isEqualTo("We missed you");
        assertThat(text(toClient)).contains("Wednesday, November 18, 2026 at 6:00 PM EST").contains("+12125550188");
        // staff: the program, what happened, how many, and the day's roster; no client id, no booking id
        assertThat(toStaff.getSubject()).isEqualTo(PROGRAM_NAME + ": a missed appointment on Wednesday, November 18, 2026");
        assertThat(text(toStaff)).contains(PROGRAM_NAME + ": 1 client did not attend").contains("6:00 PM EST")
                .contains("(recorded as a no-show)")
                .contains("http://127.0.0.1:8080/staff/programs/" + program + "/roster?date=2026-11-18")
                .doesNotContain(client).doesNotContain(booking);
        await().untilAsserted(() -> assertThat(reminders(booking)).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("kind", "MISSED_FOLLOW_UP").containsEntry("status", "SENT")));

        // an excused absence (arranged with staff) sends nothing; it also proves the correction was consumed first
        String excused = id();
        publish(topics.attendance(), client, missed(program, client, excused, start, 1, MissedReason.EXCUSED));
        String later = id();
        publish(topics.attendance(), client, missed(program, client, later, start.plus(Duration.ofDays(2)), 1,
                MissedReason.NO_SHOW));
        awaitEmails(clientEmail, 2);
        await().pollDelay(Duration.ofMillis(500)).until(() -> emailsTo(staffEmail).size() == 2);
        assertThat(emailsTo(clientEmail)).hasSize(2);
        assertThat(emailsTo(staffEmail)).extracting(m -> text(m)).noneMatch(t -> t.contains(excused));
    }

    @Test
    void a_week_turning_at_risk_alerts_the_programs_officers_at_once() throws Exception {
        String program = programConfigured(NEW_YORK);
        String officer = "officer-" + program + "@example.org";
        settings(program, List.of(), List.of(officer), "IMMEDIATE");
        String client = id();

        publish(topics.compliance(), client, compliance(program, client, null, ComplianceStatus.ON_TRACK));
        publish(topics.compliance(), client, compliance(program, client, ComplianceStatus.ON_TRACK,
                ComplianceStatus.AT_RISK));

        MimeMessage alert = awaitEmails(officer, 1).get(0);
        assertThat(alert.getSubject()).isEqualTo(PROGRAM_NAME + ": 1 client now at risk for the week of 2026-11-16");
        assertThat(text(alert)).contains("1 client went from on track to at risk")
                .contains("Attended 180 of 540 minutes")
                .contains("http://127.0.0.1:8080/officer/programs/" + program + "/weeks/2026-11-16?status=AT_RISK")
                .doesNotContain(client);
        assertThat(emailsTo(officer)).hasSize(1);
    }

    @Test
    void a_daily_digest_collects_the_alerts_and_goes_out_once_after_the_digest_time() throws Exception {
        String program = programConfigured(NEW_YORK);
        String officer = "digest-" + program + "@example.org";
        settings(program, List.of(), List.of(officer), "DAILY_DIGEST");
        String first = id();
        String second = id();
        publish(topics.compliance(), first, compliance(program, first, ComplianceStatus.ON_TRACK,
                ComplianceStatus.AT_RISK));
        publish(topics.compliance(), second, compliance(program, second, ComplianceStatus.AT_RISK,
                ComplianceStatus.BELOW_MINIMUM));
        await().until(() -> jdbc.sql("SELECT count(*) FROM compliance_alert WHERE program_id = :p")
                .param("p", program).query(Integer.class).single() == 2);
        Instant beforeDigestTime = LocalDateTime.parse("2026-11-24T06:59").atZone(ZoneId.of(NEW_YORK)).toInstant();
        Instant afterDigestTime = beforeDigestTime.plus(Duration.ofMinutes(2));

        assertThat(complianceAlerts.digest(program, beforeDigestTime)).isFalse();
        clock.setNow(afterDigestTime);
        assertThat(complianceAlerts.digest(program, afterDigestTime)).isTrue();
        assertThat(complianceAlerts.digest(program, afterDigestTime.plus(Duration.ofHours(1)))).isFalse();

        MimeMessage digest = awaitEmails(officer, 1).get(0);
        assertThat(digest.getSubject()).isEqualTo(PROGRAM_NAME + ": weekly hours of 2 client(s) need attention");
        assertThat(text(digest))
                .contains("- Week of 2026-11-16: 1 client(s) now at risk: http://127.0.0.1:8080/officer/programs/"
                        + program + "/weeks/2026-11-16?status=AT_RISK")
                .contains("- Week of 2026-11-16: 1 client(s) now below minimum: ")
                .doesNotContain(first).doesNotContain(second);
        assertThat(emailsTo(officer)).hasSize(1);
    }

    private List<Map<String, Object>> alerts(String client) {
        return staff().get().uri("/api/clients/{id}/deliveries", client).retrieve()
                .body(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                }).stream().filter(d -> "COMPLIANCE_ALERT".equals(d.get("kind"))).toList();
    }

    @Test
    void every_entry_into_at_risk_alerts_once_whatever_alerts_the_week_had_before() throws Exception {
        String program = programConfigured(NEW_YORK);
        String officer = "episodes-" + program + "@example.org";
        settings(program, List.of(), List.of(officer), "IMMEDIATE");
        String client = id();

        // the week's first booking: AT_RISK from nothing (an episode), then figures change within AT_RISK (none)
        publish(topics.compliance(), client, compliance(program, client, null, ComplianceStatus.AT_RISK));
        publish(topics.compliance(), client, compliance(program, client, ComplianceStatus.AT_RISK,
                ComplianceStatus.AT_RISK));
        publish(topics.compliance(), client, compliance(program, client, ComplianceStatus.AT_RISK,
                ComplianceStatus.ON_TRACK));
        // a cancellation takes it back to AT_RISK: the alert that matters, not a duplicate of the first
        publish(topics.compliance(), client, compliance(program, client, ComplianceStatus.ON_TRACK,
                ComplianceStatus.AT_RISK));
        awaitEmails(officer, 2);
        // the week ends short: worse again, one more; then a redelivered or repeated status sends nothing
        WeeklyComplianceChanged below = compliance(program, client, ComplianceStatus.AT_RISK,
                ComplianceStatus.BELOW_MINIMUM);
        publish(topics.compliance(), client, below);
        publish(topics.compliance(), client, below);
        publish(topics.compliance(), client, compliance(program, client, ComplianceStatus.BELOW_MINIMUM,
                ComplianceStatus.BELOW_MINIMUM));
        String marker = id(); // a later event of another client proves the ones before were consumed
        publish(topics.compliance(), client, compliance(program, marker, null, ComplianceStatus.ON_TRACK));
        await().until(() -> jdbc.sql("SELECT count(*) FROM client_week WHERE client_id = :c").param("c", marker)
                .query(Long.class).single() == 1);

        List<MimeMessage> emails = awaitEmails(officer, 3);
        assertThat(emails).hasSize(3);
        // several sender threads deliver concurrently, so arrival order is not send order
        assertThat(emails).extracting(m -> m.getSubject()).containsExactlyInAnyOrder(
                PROGRAM_NAME + ": 1 client now at risk for the week of 2026-11-16",
                PROGRAM_NAME + ": 1 client now at risk for the week of 2026-11-16",
                PROGRAM_NAME + ": 1 client now below minimum for the week of 2026-11-16");
        assertThat(emails).extracting(m -> text(m)).anyMatch(t -> t.contains("went from on track to at risk"));
        // each alert's reason stays in the delivery log
        await().untilAsserted(() -> assertThat(alerts(client)).extracting(d -> d.get("status") + " " + d.get("reason"))
                .containsExactlyInAnyOrder(
                        "SENT NEW_WEEK -> AT_RISK (episode 1): attended 180 of 540 minutes; 180 minutes still booked",
                        "SENT ON_TRACK -> AT_RISK (episode 2): attended 180 of 540 minutes; 180 minutes still booked",
                        "SENT AT_RISK -> BELOW_MINIMUM (episode 3): attended 180 of 540 minutes; 180 minutes still booked"));
    }

    @Test
    void a_week_months_ahead_alerts_nobody_until_it_comes_near() throws Exception {
        String program = programConfigured(NEW_YORK);
        String officer = "ahead-" + program + "@example.org";
        settings(program, List.of(), List.of(officer), "IMMEDIATE");
        String client = id();
        LocalDate farWeek = LocalDate.now(ZoneId.of(NEW_YORK)).plusMonths(3)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));

        publish(topics.compliance(), client, compliance(program, client, farWeek, null, ComplianceStatus.AT_RISK));
        await().until(() -> jdbc.sql("SELECT count(*) FROM client_week WHERE client_id = :c AND episode = 1")
                .param("c", client).query(Long.class).single() == 1);
        complianceAlerts.raiseDeferred();
        assertThat(alerts(client)).isEmpty();

        // the week starts and the client is still at risk: the officers hear of it then, once
        clock.setNow(farWeek.atTime(8, 0).atZone(ZoneId.of(NEW_YORK)).toInstant());
        complianceAlerts.raiseDeferred();
        complianceAlerts.raiseDeferred();
        assertThat(alerts(client)).singleElement().satisfies(d -> assertThat((String) d.get("reason"))
                .startsWith("NEW_WEEK -> AT_RISK (episode 1)"));
        assertThat(awaitEmails(officer, 1).get(0).getSubject()).contains("the week of " + farWeek);
    }

    @Test
    void a_follow_up_for_an_absence_corrected_to_attended_is_dropped_and_never_sent() throws Exception {
        String program = programConfigured(NEW_YORK);
        String client = id(); // no contact yet: the follow-up waits for it
        String email = "corrected-" + client + "@example.org";
        settings(program, List.of(), List.of(), "IMMEDIATE");
        String booking = id();
        Instant start = LocalDateTime.parse("2026-11-18T18:00").atZone(ZoneId.of(NEW_YORK)).toInstant();
        publish(topics.attendance(), client, missed(program, client, booking, start, 1, MissedReason.NO_SHOW));
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(reminders(booking))
                .extracting(r -> r.get("kind") + " " + r.get("detail"))
                .contains("MISSED_FOLLOW_UP waiting for contact details"));

        publish(topics.attendance(), client, org.openiop.events.SessionAttended.newBuilder().setEventId(id())
                .setOccurredAt(Instant.now()).setClientId(client).setProgramId(program).setBookingId(booking)
                .setSessionId(id()).setSessionType(SessionType.GROUP).setBlock(Block.EVENING).setStartsAt(start)
                .setEndsAt(start.plus(Duration.ofHours(3))).setTimeZone(NEW_YORK).setCheckedInAt(start)
                .setCheckedOutAt(start.plus(Duration.ofHours(3))).setAttendedMinutes(180).setRevision(2)
                .setRecordedBy("staff").build());
        await().until(() -> jdbc.sql("SELECT count(*) FROM attendance_outcome WHERE booking_id = :b AND outcome = 'ATTENDED'")
                .param("b", booking).query(Long.class).single() == 1);
        contact(client, emailContact(email, "en", null));

        await().untilAsserted(() -> assertThat(reminders(booking))
                .filteredOn(r -> r.get("kind").equals("MISSED_FOLLOW_UP") && r.get("channel").equals("EMAIL"))
                .singleElement().satisfies(r -> assertThat(r.get("status") + " " + r.get("detail"))
                        .isEqualTo("DROPPED attendance corrected to ATTENDED")));
        assertThat(emailsTo(email)).isEmpty();
    }
}
