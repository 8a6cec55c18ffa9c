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
        return WeeklyComplianceChanged.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(client).setProgramId(program).setWeekStart(LocalDate.of(2026, 11, 16))
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
        assertThat(text(toClient)).contains("Wednesday, November 18, 2026 at 6:00 PM").contains("+12125550188");
        assertThat(toStaff.getSubject()).isEqualTo("Missed appointment: client " + client);
        assertThat(text(toStaff)).contains("booking " + booking).contains("NO_SHOW");
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
        assertThat(alert.getSubject()).isEqualTo("Weekly hours AT_RISK: client " + client);
        assertThat(text(alert)).contains("week of 2026-11-16").contains("Attended 180 of 540 minutes");
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
        assertThat(digest.getSubject()).isEqualTo("Weekly hours: 2 client(s) need attention");
        assertThat(text(digest)).contains("Client " + first + ", week of 2026-11-16: AT_RISK")
                .contains("Client " + second + ", week of 2026-11-16: BELOW_MINIMUM");
        assertThat(emailsTo(officer)).hasSize(1);
    }
}
