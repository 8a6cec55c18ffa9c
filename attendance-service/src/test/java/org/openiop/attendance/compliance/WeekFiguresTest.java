package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.Track;

import tools.jackson.databind.JsonNode;

/**
 * Staff planning a make-up read a client's weekly figures (not the officers' compliance detail), audited like every
 * client read.
 */
class WeekFiguresTest extends IntegrationTest {

    @Test
    void staffReadTheWeeksFiguresButNotTheOfficersDetail() {
        String programId = newId();
        configureProgram(programId, 15);
        String clientId = newId();
        LocalDate monday = monday(0);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday.minusWeeks(1)));
        publishMorningBlock(clientId, programId, monday.plusDays(1));

        await().atMost(Duration.ofSeconds(45))
                .until(() -> get("/api/clients/" + clientId + "/week-figures", "staff").status() == 200
                        && get("/api/clients/" + clientId + "/week-figures", "staff").json().size() > 0);
        JsonNode weeks = get("/api/clients/" + clientId + "/week-figures", "staff").json();
        JsonNode week = weeks.get(0);
        assertThat(week.get("programId").asString()).isEqualTo(programId);
        assertThat(week.has("attendedMinutes") && week.has("scheduledRemainingMinutes") && week.has("status"))
                .as(week.toString()).isTrue();
        assertThat(week.has("sessions")).as("no session detail").isFalse();
        assertThat(week.has("days")).isFalse();

        assertThat(get("/api/clients/" + clientId + "/compliance", "staff").status()).isEqualTo(403);
        assertThat(get("/api/clients/" + clientId + "/week-figures", "officer").status()).isEqualTo(200);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'week-figures'
                  AND actor = 'staff'""").param("c", clientId).query(Long.class).single()).isPositive();
    }
}
