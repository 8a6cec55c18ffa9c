package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaying every input topic from offset 0 into emptied projection tables gives the same totals and statuses, the
 * same per-day evidence (issue #10), and announces nothing that was announced before.
 */
class ComplianceReplayTest extends IntegrationTest {

    List<String> snapshot() {
        return jdbc.sql("""
                SELECT concat_ws('|', client_id, program_id, week_start, track, attended_minutes,
                                 scheduled_remaining_minutes, minimum_minutes, status, partial, qualifying_days, closed)
                FROM compliance_week ORDER BY client_id, program_id, week_start""").query(String.class).list();
    }

    /**
     * The per-day evidence as officers and auditors read it: every client's weeks from the read API (per local day
     * attended minutes, sessions attended and whether the day qualifies; per week qualifying days and the 3-days rule;
     * every session with what it counted and why) and the program's CSV export. Only {@code reopenedAt} is left out:
     * it records when a late change re-opened a closed week, and a replay re-applies those changes now.
     */
    List<String> evidence(String programId, List<String> clients, LocalDate from, LocalDate to) {
        List<String> evidence = new ArrayList<>();
        for (String clientId : clients) {
            JsonNode history = get("/api/clients/" + clientId + "/compliance", "officer").json();
            for (JsonNode week : history.get("weeks")) {
                ((ObjectNode) week).remove("reopenedAt");
                evidence.add(week.toString());
            }
        }
        evidence.add(get("/api/programs/" + programId + "/compliance/export?from=" + from + "&to=" + to, "officer")
                .body());
        return evidence;
    }

    long applied() {
        return jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = 'attendance.compliance'")
                .query(Long.class).single();
    }

    long announcements() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE event_type = 'WeeklyComplianceChanged'")
                .query(Long.class).single();
    }

    @Test
    void replayingTheTopicsIntoAnEmptyProjectionReproducesTheSameTotalsAndStatuses() {
        String programId = newId();
        // Attendance goes straight onto the topic here, so the recording side must not also declare no-shows.
        configureProgram(programId, 60 * 24 * 60);
        LocalDate past = monday(-3);
        LocalDate future = monday(2);
        List<String> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String clientId = newId();
            clients.add(clientId);
            publish(TestEvents.enrolled(clientId, programId, c % 2 == 0 ? Track.ADULT : Track.ADOLESCENT,
                    c == 3 ? past.plusDays(3) : monday(-8)));
            for (int d = 0; d < 5; d += 2) {
                SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(),
                        at(past.plusDays(d), 9, 0), at(past.plusDays(d), 12, 0));
                SessionScheduled f = TestEvents.scheduled(clientId, programId, newId(), newId(),
                        at(future.plusDays(d), 9, 0), at(future.plusDays(d), 12, 0));
                publish(s, f, TestEvents.attended(s, s.getStartsAt().plusSeconds(60L * 10 * c), s.getEndsAt(),
                        180 - 10 * c, 1));
                if (d == 4) {
                    publish(TestEvents.cancelled(f), TestEvents.attended(s, s.getStartsAt(), s.getEndsAt(), 180, 2));
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM compliance_week WHERE program_id = :p AND track IS NOT NULL"
                        + " AND week_start IN (:past, :future)")
                .param("p", programId).param("past", past).param("future", future).query(Long.class).single() == 8);
        // Let everything in flight settle: the same snapshot twice, a second apart.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(new java.util.concurrent
                .Callable<Boolean>() {
            List<String> last = List.of();

            @Override
            public Boolean call() {
                List<String> now = snapshot();
                boolean same = now.equals(last);
                last = now;
                return same;
            }
        });
        List<String> before = snapshot();
        List<String> evidenceBefore = evidence(programId, clients, monday(-8), monday(3));
        assertThat(evidenceBefore).anyMatch(week -> week.contains("\"qualifies\":true"))
                .anyMatch(week -> week.contains("\"qualifies\":false"));
        long appliedBefore = applied();
        long announcedBefore = announcements();
        assertThat(before).anyMatch(row -> row.contains(programId) && row.endsWith("|MET|f|3|t"));

        assertThat(post("/api/admin/compliance/rebuild", "admin", "{}").status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> applied() >= appliedBefore && snapshot().equals(before));
        await().atMost(Duration.ofSeconds(30)).until(() -> !get("/api/admin/compliance/rebuild", "admin").json()
                .get("replaying").asBoolean());
        assertThat(snapshot()).isEqualTo(before);
        assertThat(evidence(programId, clients, monday(-8), monday(3))).isEqualTo(evidenceBefore);
        assertThat(announcements()).isEqualTo(announcedBefore);
        assertThat(post("/api/admin/compliance/rebuild", "officer", "{}").status()).isEqualTo(403);
    }
}
