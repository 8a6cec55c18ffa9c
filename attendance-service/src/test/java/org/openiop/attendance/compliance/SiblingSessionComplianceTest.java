package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;

import tools.jackson.databind.JsonNode;

/**
 * Sibling programs (issue 17): a session the client attends in a sibling program (its events carry the sibling's
 * program id, as scheduling books it there) counts toward the client's own program week, through the real broker.
 */
class SiblingSessionComplianceTest extends IntegrationTest {

    final String programId = newId();
    final String siblingId = newId();
    final String clientId = newId();

    @Test
    void anAtRiskAdultWith360BookedReaches540MetByAttendingASiblingProgramsSession() {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        SessionScheduled monday = publishMorningBlock(clientId, programId, week);
        SessionScheduled tuesday = publishMorningBlock(clientId, programId, week.plusDays(1));
        JsonNode atRisk = awaitWeek(programId, week, clientId,
                c -> c.get("scheduledRemainingMinutes").asInt() == 360);
        assertThat(atRisk.get("status").asString()).isEqualTo("AT_RISK");

        SessionScheduled sibling = publishMorningBlock(clientId, siblingId, week.plusDays(3));
        JsonNode onTrack = awaitWeek(programId, week, clientId,
                c -> c.get("scheduledRemainingMinutes").asInt() == 540);
        assertThat(onTrack.get("status").asString()).isEqualTo("ON_TRACK");

        publish(TestEvents.attended(monday, monday.getStartsAt(), monday.getEndsAt(), 180, 1),
                TestEvents.attended(tuesday, tuesday.getStartsAt(), tuesday.getEndsAt(), 180, 1),
                TestEvents.attended(sibling, sibling.getStartsAt(), sibling.getEndsAt(), 180, 1));
        JsonNode met = awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 540);
        assertThat(met.get("status").asString()).isEqualTo("MET");
        assertThat(jdbc.sql("SELECT count(*) FROM compliance_week WHERE client_id = :c AND program_id = :p")
                .param("c", clientId).param("p", siblingId).query(Long.class).single()).isZero();
    }
}
