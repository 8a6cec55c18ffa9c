package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * History independent of topic retention (ADR 0009): every record of the four input topics is deleted (Kafka's
 * DeleteRecords, what retention does to old segments), the projection is rebuilt, and every week's evidence (the
 * client histories, each client's evidence CSV, the program export) is identical to before.
 */
class RetentionRebuildTest extends IntegrationTest {

    @Test
    void aRebuildAfterTheInputsWereDeletedReproducesEveryWeek() throws Exception {
        String programId = newId();
        configureProgram(programId, 60 * 24 * 60);
        LocalDate first = monday(-6);
        List<String> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            String clientId = newId();
            clients.add(clientId);
            publish(TestEvents.enrolled(clientId, programId, c == 2 ? Track.ADOLESCENT : Track.ADULT, monday(-8)));
            for (int w = 0; w < 3; w++) {
                for (int d = 0; d < 5; d += 2) {
                    LocalDate day = first.plusWeeks(w).plusDays(d);
                    SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), at(day, 9, 0),
                            at(day, 12, 0));
                    publish(s, TestEvents.attended(s, s.getStartsAt().plusSeconds(60L * 20 * c), s.getEndsAt(),
                            180 - 20 * c, 1));
                }
            }
        }
        String range = "?from=" + monday(-8) + "&to=" + monday(-1).plusDays(6);
        // settled: the same evidence twice, a second apart, with every attended minute counted
        List<String> before = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(new java.util.concurrent.Callable<List<String>>() {
                    List<String> last = List.of();

                    @Override
                    public List<String> call() {
                        List<String> now = evidence(programId, clients, range);
                        List<String> previous = last;
                        last = now;
                        return now.equals(previous) ? now : null;
                    }
                }, e -> e != null && e.toString().contains("\"attendedMinutes\":540"));

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            deleteEverything(admin, List.of(topics.programs(), topics.clients(), topics.sessions(),
                    topics.attendance()));
        }
        assertThat(post("/api/admin/compliance/rebuild", "admin", "{}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ofMillis(500)).until(() -> !get(
                "/api/admin/compliance/rebuild", "admin").json().get("replaying").asBoolean());
        assertThat(evidence(programId, clients, range)).isEqualTo(before);
    }

    /** Deletes every record below each partition's end offset (what retention does once segments expire). */
    private static void deleteEverything(Admin admin, List<String> inputs) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        latest.keySet().forEach(tp -> earliest.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, Long> start = new HashMap<>();
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).forEach((tp, i) -> start.put(tp, i.offset()));
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, i) -> assertThat(start.get(tp)).as("nothing left on " + tp).isEqualTo(i.offset()));
    }

    /** Each client's weeks (without when a late change re-opened one), evidence CSV, and the program export. */
    private List<String> evidence(String programId, List<String> clients, String range) {
        List<String> evidence = new ArrayList<>();
        for (String clientId : clients) {
            for (JsonNode week : get("/api/clients/" + clientId + "/compliance", "officer").json().get("weeks")) {
                ((ObjectNode) week).remove("reopenedAt");
                evidence.add(week.toString());
            }
            // the CSV's recorded_at column comes from the recording side, which a rebuild does not touch
            evidence.add(get("/api/clients/" + clientId + "/evidence/csv" + range, "officer").body());
        }
        evidence.add(get("/api/programs/" + programId + "/compliance/export" + range, "officer").body());
        return evidence;
    }
}
