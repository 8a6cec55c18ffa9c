package org.openiop.attendance.certification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.TestEvents;
import org.openiop.attendance.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Recording a certification, listing who is due, and announcing it once per due date. */
class CertificationTest extends IntegrationTest {

    @Autowired
    CertificationService certifications;

    private Response certify(String clientId, String programId, LocalDate on, LocalDate periodEnd, String user) {
        enrolled(clientId, programId);
        return post("/api/clients/" + clientId + "/certifications", user, Map.of("programId", programId,
                "certifiedOn", on.toString(), "certifyingClinicianId", "clin-7", "periodStart", on.toString(),
                "periodEnd", periodEnd.toString()));
    }

    /** The enrolment as the ClientEnrolled event leaves it in the compliance store. */
    private void enrolled(String clientId, String programId) {
        jdbc.sql("INSERT INTO compliance_enrolment (client_id, program_id, status) VALUES (?, ?, 'ACTIVE') "
                + "ON CONFLICT DO NOTHING").params(clientId, programId).update();
    }

    @Test
    void aCertificationForAClientOrProgramThatIsNotEnrolledIs404AndStoresNothing() {
        String clientId = newId();
        String programId = newId();
        enrolled(clientId, programId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String[] ids : new String[][] { { newId(), programId }, { clientId, newId() },
                { clientId, "not-a-uuid" }, { clientId, "x' OR '1'='1" } }) {
            Response refused = post("/api/clients/" + ids[0] + "/certifications", "staff", Map.of("programId", ids[1],
                    "certifiedOn", today.toString(), "certifyingClinicianId", "clin-7", "periodStart",
                    today.toString(), "periodEnd", today.plusMonths(1).toString()));
            assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            assertThat(refused.body()).contains("not-enrolled");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM certification WHERE client_id = :c OR program_id = :p")
                .param("c", clientId).param("p", programId).query(Long.class).single()).isZero();
    }

    private long announcements(String clientId) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE event_type = 'CertificationDue' AND message_key = :c")
                .param("c", clientId).query(Long.class).single();
    }

    @Test
    void aCertificationDueInTenDaysIsListedAndAnnouncedOnceNotAgainOnAReRun() {
        String programId = newId();
        String dueSoon = newId();
        String dueLater = newId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // Signed two months minus ten days ago: re-certification due in 10 days.
        Response created = certify(dueSoon, programId, today.plusDays(10).minusMonths(2), today.plusMonths(3),
                "staff");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("dueDate").asString()).isEqualTo(today.plusDays(10).toString());
        assertThat(certify(dueLater, programId, today.minusDays(10), today.plusMonths(3), "staff").status())
                .isEqualTo(201);

        Response due = get("/api/certifications/due?programId=" + programId, "officer");
        assertThat(due.status()).isEqualTo(200);
        assertThat(java.util.stream.StreamSupport.stream(due.json().spliterator(), false)
                .map(c -> c.get("clientId").asString())).containsExactly(dueSoon);

        certifications.announceDue();
        certifications.announceDue();
        assertThat(announcements(dueSoon)).isEqualTo(1);
        assertThat(announcements(dueLater)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE client_id = :c AND resource = 'certification-due'")
                .param("c", dueSoon).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aReCertificationReplacesTheDueDateAndIsAnnouncedForItsOwnDueDateOnly() {
        String programId = newId();
        String clientId = newId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        certify(clientId, programId, today.plusDays(5).minusMonths(2), today.plusMonths(3), "staff");
        certifications.announceDue();
        assertThat(announcements(clientId)).isEqualTo(1);

        certify(clientId, programId, today, today.plusMonths(3), "admin");
        certifications.announceDue();
        assertThat(announcements(clientId)).isEqualTo(1);
        JsonNode history = get("/api/clients/" + clientId + "/certifications", "officer").json();
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("dueDate").asString()).isEqualTo(today.plusMonths(2).toString());
    }

    @Test
    void onlyStaffAndAdminsRecordAndThePeriodMustBeOrdered() {
        String clientId = newId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(certify(clientId, newId(), today, today.plusMonths(1), "officer").status()).isEqualTo(403);
        assertThat(certify(clientId, newId(), today, today.minusDays(1), "staff").status()).isEqualTo(400);
        assertThat(post("/api/clients/" + clientId + "/certifications", "staff", "{\"programId\":\"p\"}").status())
                .isEqualTo(400);
        assertThat(get("/api/clients/" + clientId + "/certifications", "staff").json().size()).isZero();
    }

    private java.util.List<String> dueClients(String programId) {
        Response due = get("/api/certifications/due?programId=" + programId, "officer");
        assertThat(due.status()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(due.json().spliterator(), false)
                .map(c -> c.get("clientId").asString()).toList();
    }

    /**
     * A discharged client's last certification stays overdue for ever: it is flagged when the discharge is applied
     * (or when recorded after it), so neither the due list nor its index reads it again (issue 20).
     */
    @Test
    void aDischargedClientIsNoLongerDueWhetherDischargedBeforeOrAfterTheCertification() {
        String programId = newId();
        String stays = newId();
        String leaves = newId();
        String leftBefore = newId();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate overdue = today.minusMonths(3);
        certify(stays, programId, overdue, today.plusMonths(3), "staff");
        certify(leaves, programId, overdue, today.plusMonths(3), "staff");
        enrolled(leftBefore, programId);
        publish(TestEvents.discharged(leftBefore, programId, today.minusDays(1)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT count(*) FROM compliance_enrolment WHERE client_id = :c AND status = 'DISCHARGED'""")
                .param("c", leftBefore).query(Long.class).single() == 1);
        assertThat(certify(leftBefore, programId, overdue, today.plusMonths(3), "staff").status()).isEqualTo(201);
        assertThat(dueClients(programId)).containsExactlyInAnyOrder(stays, leaves);

        publish(TestEvents.discharged(leaves, programId, today));
        await().atMost(Duration.ofSeconds(30)).until(() -> dueClients(programId).equals(java.util.List.of(stays)));
        assertThat(jdbc.sql("SELECT client_id FROM certification_current WHERE program_id = :p AND discharged")
                .param("p", programId).query(String.class).list()).containsExactlyInAnyOrder(leaves, leftBefore);
        Response all = get("/api/certifications/due", "officer");
        assertThat(all.body()).contains(stays).doesNotContain(leaves).doesNotContain(leftBefore);
    }
}
