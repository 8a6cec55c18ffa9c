package org.openiop.notification.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.events.CertificationDue;
import org.openiop.notification.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import jakarta.mail.internet.MimeMessage;

/** A certification falling due becomes one staff alert per client and due date, however often it is delivered. */
class CertificationAlertsTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private CertificationDue due(String eventId, String program, String client, LocalDate dueDate) {
        return CertificationDue.newBuilder().setEventId(eventId).setOccurredAt(Instant.now()).setClientId(client)
                .setProgramId(program).setCertificationId("cert-" + client).setCertifiedOn(dueDate.minusMonths(2))
                .setDueDate(dueDate).build();
    }

    @Test
    void a_certification_due_in_ten_days_alerts_staff_once_not_twice_on_redelivery() throws Exception {
        String program = programConfigured("America/New_York");
        String staffEmail = "cert-" + program + "@example.org";
        api("admin", "iop-admin").put().uri("/api/programs/{id}/notification-settings", program)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reminderOffsets", List.of("PT24H"), "channels", List.of("EMAIL"),
                        "staffAlertEmails", List.of(staffEmail), "officerEmails", List.of(),
                        "complianceAlertMode", "IMMEDIATE", "digestTime", "07:00"))
                .retrieve().toBodilessEntity();
        String client = id();
        LocalDate dueDate = LocalDate.now().plusDays(10);
        CertificationDue event = due(id(), program, client, dueDate);

        CertificationDue again = due(id(), program, client, dueDate);
        publish(topics.compliance(), client, event);
        publish(topics.compliance(), client, event); // redelivered as is
        publish(topics.compliance(), client, again); // announced again (a new event) for the same due date

        await().until(() -> jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id IN (:a, :b)")
                .param("a", event.getEventId()).param("b", again.getEventId()).query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT count(*) FROM delivery WHERE kind = 'STAFF_CERTIFICATION_DUE' AND client_id = :c")
                .param("c", client).query(Long.class).single()).isEqualTo(1);
        awaitEmails(staffEmail, 1);
        List<MimeMessage> emails = emailsTo(staffEmail);
        MimeMessage toStaff = emails.get(0);
        assertThat(emails).hasSize(1);
        // the program, what is due, how many, a link to the clients page: no client id, no certification id
        assertThat(subject(toStaff)).isEqualTo(PROGRAM_NAME + ": a re-certification due by " + dueDate);
        assertThat(text(toStaff)).contains("1 client's certification of need").contains("must be renewed by " + dueDate)
                .contains("http://127.0.0.1:8080/staff/programs/" + program + "/clients")
                .doesNotContain(client).doesNotContain(event.getCertificationId());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
