package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.Track;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Every week of an enrolment is judged, booked or not: a step-down client with no bookings at all gets STEP_DOWN for
 * as many closed weeks as the program allows, then BELOW_MINIMUM; a mid-week admission is PARTIAL_WEEK. The weeks are
 * listed in the client's compliance, evidence and the program's export.
 */
class UnbookedWeeksTest extends IntegrationTest {

    final String programId = newId();

    /** Enrolled in a step-down phase from the admission on (the phase's history starts then). */
    ClientEnrolled enrol(String clientId, LocalDate admission, boolean stepDown) {
        ClientEnrolled e = TestEvents.enrolled(clientId, programId, Track.ADULT, admission);
        e.setPhaseStepDown(stepDown);
        e.setOccurredAt(admission.atStartOfDay(ZONE).toInstant());
        publish(e);
        return e;
    }

    Map<LocalDate, String> statuses(String clientId) {
        Map<LocalDate, String> weeks = new LinkedHashMap<>();
        Response r = get("/api/clients/" + clientId + "/compliance", "officer");
        if (r.status() == 200) {
            for (JsonNode w : r.json().get("weeks")) {
                weeks.put(LocalDate.parse(w.get("weekStart").asString()), w.get("status").asString());
            }
        }
        return weeks;
    }

    @Test
    void stepDownThenBelowMinimumAndPartialWeeksWithoutAnyBooking() {
        configureProgram(programId, 60); // step-down allowance 2 weeks, Monday weeks
        String stepDown = newId();
        String midWeek = newId();
        LocalDate first = monday(-4);
        enrol(stepDown, first, true);
        enrol(midWeek, first.plusWeeks(1).plusDays(2), false);

        // weeks -4, -3 and -2 ended at least 7 days ago: closed whatever day the test runs
        await().atMost(Duration.ofSeconds(45)).until(() -> statuses(stepDown).keySet()
                .containsAll(java.util.List.of(first, first.plusWeeks(1), first.plusWeeks(2)))
                && statuses(midWeek).containsKey(first.plusWeeks(2)));
        Map<LocalDate, String> weeks = statuses(stepDown);
        assertThat(weeks.get(first)).isEqualTo("STEP_DOWN");
        assertThat(weeks.get(first.plusWeeks(1))).isEqualTo("STEP_DOWN");
        assertThat(weeks.get(first.plusWeeks(2))).isEqualTo("BELOW_MINIMUM");
        Map<LocalDate, String> partial = statuses(midWeek);
        assertThat(partial).doesNotContainKey(first);
        assertThat(partial.get(first.plusWeeks(1))).isEqualTo("PARTIAL_WEEK");
        assertThat(partial.get(first.plusWeeks(2))).isEqualTo("BELOW_MINIMUM");

        String range = "?from=" + first + "&to=" + first.plusWeeks(2).plusDays(6);
        String csv = get("/api/clients/" + stepDown + "/evidence/csv" + range, "officer").body();
        assertThat(csv.lines().filter(l -> l.startsWith("WEEK,")).map(l -> l.contains("STEP_DOWN") ? "STEP_DOWN"
                : l.contains("BELOW_MINIMUM") ? "BELOW_MINIMUM" : l)).containsExactly("STEP_DOWN", "STEP_DOWN",
                        "BELOW_MINIMUM");
        assertThat(csv).contains("allowance of 2 consecutive weeks already used");
        String export = get("/api/programs/" + programId + "/compliance/export" + range, "officer").body();
        assertThat(export.lines().filter(l -> l.contains(stepDown))).hasSize(3);
        // each judged week was announced like any other
        assertThat(jdbc.sql("SELECT count(*) FROM compliance_announcement WHERE client_id = :c")
                .param("c", stepDown).query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Autowired
    ComplianceProjection projection;

    /**
     * The closer looks only at enrolments running or ended within the close grace and two weeks (issue 20): an
     * enrolment that ended months ago has every week closed long since, and enumerating its weeks every minute grew
     * with every enrolment ever. Its weeks are still found when asked as of shortly after it ended.
     */
    @Test
    void theCloserLooksOnlyAtEnrolmentsRunningOrEndedWithinTheGrace() {
        configureProgram(programId, 60);
        String longGone = newId();
        LocalDate admission = monday(-30);
        LocalDate discharge = monday(-20);
        jdbc.sql("""
                INSERT INTO compliance_enrolment (client_id, program_id, track, admission_date, discharge_date, status)
                VALUES (:c, :p, 'ADULT', :a, :d, 'DISCHARGED')""")
                .param("c", longGone).param("p", programId).param("a", admission).param("d", discharge).update();

        java.time.Instant now = java.time.Instant.now();
        assertThat(projection.unjudgedClosedWeeks(now, 100_000)).noneMatch(w -> w.clientId().equals(longGone));
        java.time.Instant soonAfter = discharge.plusDays(10).atStartOfDay(ZONE).toInstant();
        assertThat(projection.unjudgedClosedWeeks(soonAfter, 100_000)).filteredOn(w -> w.clientId().equals(longGone))
                .hasSize(11);

        // Such an enrolment replayed from the topics (a new instance): the batch applying it judges those weeks.
        String replayed = newId();
        publish(TestEvents.enrolled(replayed, programId, Track.ADULT, admission),
                TestEvents.discharged(replayed, programId, discharge));
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql("""
                SELECT count(*) FROM compliance_week WHERE client_id = :c AND program_id = :p""")
                .param("c", replayed).param("p", programId).query(Long.class).single() == 11);
    }
}
