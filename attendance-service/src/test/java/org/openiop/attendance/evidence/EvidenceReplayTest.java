package org.openiop.attendance.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;

import tools.jackson.databind.node.ObjectNode;

/** Replaying every topic from offset 0 into an empty projection gives the same per-day evidence. */
class EvidenceReplayTest extends IntegrationTest {

    final String programId = newId();
    final String clientId = newId();

    /** The client's evidence without its generation time. */
    String evidence(LocalDate from, LocalDate to) {
        Response r = get("/api/clients/" + clientId + "/evidence?from=" + from + "&to=" + to, "officer");
        if (r.status() != 200) {
            return "status " + r.status();
        }
        ObjectNode json = (ObjectNode) r.json();
        json.remove("generatedAt");
        return json.toString();
    }

    @Test
    void replayingTheTopicsReproducesTheSamePerDayEvidence() {
        configureProgram(programId, 60 * 24 * 60);
        LocalDate week = monday(-3);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        for (int d = 0; d < 5; d++) {
            // Two sessions on Monday, then one a day: 3-hour blocks attended for a little less each day.
            SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(),
                    at(week.plusDays(d), 9, 0), at(week.plusDays(d), 12, 0));
            publish(s, TestEvents.attended(s, s.getStartsAt().plusSeconds(60L * 5 * d), s.getEndsAt(), 180 - 5 * d,
                    1));
        }
        SessionScheduled afternoon = TestEvents.scheduled(clientId, programId, newId(), newId(), at(week, 13, 0),
                at(week, 14, 0));
        publish(afternoon, TestEvents.attended(afternoon, afternoon.getStartsAt(), afternoon.getEndsAt(), 60, 1));
        LocalDate to = week.plusDays(6);
        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1)).until(new Callable<Boolean>() {
            String last = "";

            @Override
            public Boolean call() {
                String now = evidence(week, to);
                boolean settled = now.equals(last) && now.contains("\"attendedMinutes\":910");
                last = now;
                return settled;
            }
        });
        String before = evidence(week, to);
        assertThat(before).contains("\"date\":\"" + week + "\",\"attendedMinutes\":240,\"sessionsAttended\":2");

        assertThat(post("/api/admin/compliance/rebuild", "admin", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).until(() -> evidence(week, to).equals(before));
        await().atMost(Duration.ofSeconds(60)).until(() -> !get("/api/admin/compliance/rebuild", "admin").json()
                .get("replaying").asBoolean());
        assertThat(evidence(week, to)).isEqualTo(before);
    }
}
