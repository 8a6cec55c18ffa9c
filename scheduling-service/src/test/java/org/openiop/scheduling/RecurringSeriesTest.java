package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.ClientUpdated;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import tools.jackson.databind.JsonNode;

class RecurringSeriesTest extends SchedulingTestBase {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    private Map<String, Object> series(String clientId, LocalDate start, List<String> days, int weeks) {
        Map<String, Object> body = new HashMap<>();
        body.put("clientId", clientId);
        body.put("type", "GROUP");
        body.put("block", "EVENING");
        body.put("topic", "Relapse prevention");
        body.put("startDate", start.toString());
        body.put("daysOfWeek", days);
        body.put("weeks", weeks);
        return body;
    }

    @Test
    void twelveWeekEveningSeriesStaysAtSixPmAcrossDstSkipsTheHolidayAndPublishesOneEventPerBooking() {
        String program = createProgram("America/New_York");
        LocalDate start = februaryMonday();
        String client = enrol(program, start);
        LocalDate holiday = start.plusWeeks(2).plusDays(2); // a Wednesday
        assertThat(staff.post("/api/programs/" + program + "/closures",
                Map.of("firstDay", holiday.toString(), "reason", "Holiday")).status()).isEqualTo(201);
        Map<String, Object> request = series(client, start, List.of("MONDAY", "WEDNESDAY", "FRIDAY"), 12);

        Api.Reply preview = staff.post("/api/programs/" + program + "/series/preview", request);
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        assertThat(preview.body().path("occurrences")).hasSize(36);
        assertThat(preview.body().path("booked").asInt()).isEqualTo(35);
        assertThat(preview.body().path("skipped").asInt()).isEqualTo(1);
        assertThat(outboxEvents(client, SessionScheduled.class)).as("a preview publishes nothing").isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM series WHERE client_id = CAST(:c AS uuid)").param("c", client)
                .query(Long.class).single()).as("a preview stores nothing").isZero();

        Api.Reply created = staff.post("/api/programs/" + program + "/series", request);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode occurrences = created.body().path("occurrences");
        assertThat(occurrences).hasSize(36);
        Set<String> offsets = new HashSet<>();
        Set<String> bookingIds = new HashSet<>();
        for (JsonNode o : occurrences) {
            LocalDate day = LocalDate.parse(o.path("date").asString());
            ZonedDateTime startsAt = Instant.parse(o.path("startsAt").asString()).atZone(NEW_YORK);
            ZonedDateTime endsAt = Instant.parse(o.path("endsAt").asString()).atZone(NEW_YORK);
            assertThat(startsAt.toLocalTime()).as("start on " + day).isEqualTo(LocalTime.of(18, 0));
            assertThat(endsAt.toLocalTime()).isEqualTo(LocalTime.of(21, 0));
            assertThat(startsAt.toLocalDate()).isEqualTo(day);
            offsets.add(startsAt.getOffset().getId());
            if (day.equals(holiday)) {
                assertThat(o.path("outcome").asString()).isEqualTo("SKIPPED");
                assertThat(o.path("code").asString()).isEqualTo("program-closed");
            } else {
                assertThat(o.path("outcome").asString()).isEqualTo("BOOKED");
                bookingIds.add(o.path("bookingId").asString());
            }
        }
        assertThat(offsets).as("the series crosses the DST change").containsExactlyInAnyOrder("-05:00", "-04:00");
        assertThat(bookingIds).hasSize(35);

        List<SessionScheduled> events = outboxEvents(client, SessionScheduled.class);
        assertThat(events).hasSize(35);
        assertThat(events).extracting(SessionScheduled::getBookingId).containsExactlyInAnyOrderElementsOf(bookingIds);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getSeriesId()).isEqualTo(created.text("seriesId"));
            assertThat(e.getTimeZone()).isEqualTo("America/New_York");
            assertThat(e.getBlock().name()).isEqualTo("EVENING");
            assertThat(e.getStartsAt().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(18, 0));
            assertThat(Duration.between(e.getStartsAt(), e.getEndsAt())).isEqualTo(Duration.ofHours(3));
        });
        assertThat(publishedBookingIds(client, 35)).containsExactlyInAnyOrderElementsOf(bookingIds);
    }

    @Test
    void aSecondSeriesOverlappingTheClientsFirstIsRefusedAndStoresNothing() {
        String program = createProgram("America/Chicago");
        LocalDate start = februaryMonday();
        String client = enrol(program, start);
        assertThat(staff.post("/api/programs/" + program + "/series",
                series(client, start, List.of("MONDAY", "WEDNESDAY"), 4)).status()).isEqualTo(201);
        int eventsBefore = outboxEvents(client).size();

        Api.Reply overlap = staff.post("/api/programs/" + program + "/series",
                series(client, start.plusWeeks(1), List.of("WEDNESDAY", "THURSDAY"), 4));

        assertThat(overlap.status()).as(overlap.toString()).isEqualTo(409);
        assertThat(overlap.text("code")).isEqualTo("series-overlap");
        assertThat(overlap.errorFields()).containsExactly("daysOfWeek");
        assertThat(outboxEvents(client)).hasSize(eventsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM series WHERE client_id = CAST(:c AS uuid)").param("c", client)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void stepDownFromAFiveDayToAThreeDayWeekKeepsThePastAndTheKeptDays() {
        String program = createProgram("America/New_York");
        LocalDate start = februaryMonday();
        String client = enrol(program, start);
        Api.Reply created = staff.post("/api/programs/" + program + "/series",
                series(client, start, List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), 4));
        assertThat(created.body().path("booked").asInt()).isEqualTo(20);
        String seriesId = created.text("seriesId");
        LocalDate stepDown = start.plusWeeks(2);

        Api.Reply changed = staff.post("/api/series/" + seriesId + "/frequency",
                Map.of("effectiveFrom", stepDown.toString(), "daysOfWeek", List.of("MONDAY", "WEDNESDAY", "FRIDAY")));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().path("cancelled").asInt()).isEqualTo(4);
        List<String> kept = new ArrayList<>();
        changed.body().path("occurrences").forEach(o -> {
            if (o.path("outcome").asString().equals("KEPT")) {
                kept.add(o.path("date").asString());
            }
        });
        assertThat(kept).hasSize(6);
        List<SessionCancelled> cancelled = outboxEvents(client, SessionCancelled.class);
        assertThat(cancelled).hasSize(4).allSatisfy(e -> {
            assertThat(e.getReason().name()).isEqualTo("SERIES_CHANGED");
            assertThat(e.getStartsAt()).isAfter(stepDown.atStartOfDay(NEW_YORK).toInstant());
        });
        assertThat(outboxEvents(client, SessionScheduled.class)).as("no churn: kept days are not rebooked").hasSize(20);

        Api.Reply phase = staff.post("/api/clients/" + client + "/phase",
                Map.of("sessionsPerWeek", 3, "stepDown", true, "effectiveFrom", stepDown.toString()));
        assertThat(phase.status()).as(phase.toString()).isEqualTo(200);
        ClientUpdated updated = outboxEvents(client, ClientUpdated.class).get(0);
        assertThat(updated.getPhaseStepDown()).isTrue();
        assertThat(updated.getPhaseSessionsPerWeek()).isEqualTo(3);

        Api.Reply ended = staff.post("/api/series/" + seriesId + "/cancel",
                Map.of("from", start.plusWeeks(3).toString()));
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.body().path("cancelled").asInt()).isEqualTo(3);
        assertThat(outboxEvents(client, SessionCancelled.class)).hasSize(7);
        assertThat(staff.get("/api/series/" + seriesId).body().path("series").path("status").asString())
                .isEqualTo("ENDED");
    }

    /** Reads the real topic until the client's SessionScheduled events have all arrived, and returns their booking ids. */
    private List<String> publishedBookingIds(String clientId, int expected) {
        AvroEventDeserializer decoder = new AvroEventDeserializer();
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "series-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topics.sessions()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (clientId.equals(record.key()) && decoder.decode(record.value()) instanceof SessionScheduled s) {
                        ids.add(s.getBookingId());
                    }
                }
                return ids.size() >= expected;
            });
        }
        return ids;
    }
}
