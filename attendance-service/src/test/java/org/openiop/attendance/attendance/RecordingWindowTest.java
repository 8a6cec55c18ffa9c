package org.openiop.attendance.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.events.SessionScheduled;

import tools.jackson.databind.JsonNode;

/**
 * Attendance only when it could have happened: records ahead of their time are refused with the field and the rule,
 * and store nothing (revisions, outbox, topic); the roster offers only the actions allowed now.
 */
class RecordingWindowTest extends IntegrationTest {

    final String programId = newId();
    final String clientId = newId();
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeEach
    void longNoShowGrace() {
        configureProgram(programId, 60 * 24 * 60);
    }

    SessionScheduled booked(Instant startsAt) {
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), startsAt,
                startsAt.plus(Duration.ofHours(3)));
        publish(s);
        awaitBooking(s.getBookingId());
        return s;
    }

    long stored(String bookingId) {
        return jdbc.sql("""
                SELECT (SELECT count(*) FROM attendance_revision WHERE booking_id = :b)
                     + (SELECT count(*) FROM outbox WHERE message_key = :k
                          AND position(convert_to(:b, 'UTF8') in payload) > 0)""")
                .param("b", bookingId).param("k", clientId).query(Long.class).single();
    }

    void assertRefused(Response r, String code, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).contains("application/problem+json");
        assertThat(r.json().get("code").asString()).isEqualTo(code);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void recordsAheadOfTheirTimeAreRefusedAndStoreNothing() {
        SessionScheduled tomorrow = booked(now.plus(Duration.ofDays(1)));
        SessionScheduled running = booked(now.minus(Duration.ofHours(1)));
        SessionScheduled earlier = booked(now.minus(Duration.ofDays(2)));
        String t = tomorrow.getBookingId();

        assertRefused(post("/api/bookings/" + t + "/attendance", "staff", Map.of("checkedInAt",
                tomorrow.getStartsAt().toString(), "checkedOutAt", tomorrow.getEndsAt().toString())),
                "not-yet-happened", "checkedInAt");
        assertRefused(post("/api/bookings/" + t + "/absence", "staff", Map.of("reason", "EXCUSED")),
                "session-not-started", "bookingId");
        assertRefused(post("/api/sessions/" + tomorrow.getSessionId() + "/roster", "staff", Map.of("entries",
                List.of(Map.of("bookingId", t, "presence", "UNEXCUSED")))), "session-not-started",
                "entries[0].presence");
        // the whole of a session still running: its end has not happened yet
        assertRefused(post("/api/sessions/" + running.getSessionId() + "/roster", "staff", Map.of("entries",
                List.of(Map.of("bookingId", running.getBookingId(), "presence", "PRESENT")))), "not-yet-happened",
                "entries[0].checkedOutAt");
        assertRefused(post("/api/bookings/" + running.getBookingId() + "/attendance", "staff", Map.of(
                "checkedInAt", running.getStartsAt().toString(), "checkedOutAt", now.plus(Duration.ofMinutes(30))
                        .toString())), "not-yet-happened", "checkedOutAt");
        // a check-in more than the lead (30 min) before the start, even for a session long over
        assertRefused(post("/api/bookings/" + earlier.getBookingId() + "/attendance", "staff", Map.of(
                "checkedInAt", earlier.getStartsAt().minus(Duration.ofMinutes(31)).toString(), "checkedOutAt",
                earlier.getEndsAt().toString())), "check-in-too-early", "checkedInAt");

        for (SessionScheduled s : List.of(tomorrow, running, earlier)) {
            assertThat(stored(s.getBookingId())).isZero();
        }
        // What the topic holds for this client once a lawful record went out: that record only.
        assertThat(post("/api/bookings/" + earlier.getBookingId() + "/attendance", "staff", Map.of("checkedInAt",
                earlier.getStartsAt().minus(Duration.ofMinutes(30)).toString(), "checkedOutAt",
                earlier.getEndsAt().toString())).status()).isEqualTo(201);
        assertThat(bookingsOnTheAttendanceTopic()).containsExactly(earlier.getBookingId());
    }

    @Test
    void theRosterOffersOnlyWhatMayBeRecordedNow() {
        SessionScheduled tomorrow = booked(now.plus(Duration.ofDays(1)));
        SessionScheduled soon = booked(now.plus(Duration.ofMinutes(20)));
        SessionScheduled running = booked(now.minus(Duration.ofHours(1)));
        SessionScheduled over = booked(now.minus(Duration.ofDays(1)));
        assertThat(allowed(tomorrow)).isEmpty();
        assertThat(allowed(soon)).containsExactly("CHECK_IN");
        assertThat(allowed(running)).containsExactly("CHECK_IN", "CHECK_OUT", "ABSENCE");
        assertThat(allowed(over)).containsExactly("CHECK_OUT", "WHOLE_SESSION", "ABSENCE");
        post("/api/bookings/" + over.getBookingId() + "/absence", "staff", Map.of("reason", "UNEXCUSED"));
        assertThat(allowed(over)).isEmpty();
        JsonNode roster = get("/api/sessions/" + tomorrow.getSessionId() + "/roster", "staff").json();
        assertThat(roster.get(0).get("allowedActions")).isEmpty();
    }

    private List<String> allowed(SessionScheduled s) {
        List<String> actions = new ArrayList<>();
        get("/api/bookings/" + s.getBookingId() + "/attendance", "staff").json().get("allowedActions")
                .forEach(a -> actions.add(a.asString()));
        return actions;
    }

    private List<String> bookingsOnTheAttendanceTopic() {
        List<String> bookings = new ArrayList<>();
        AvroEventDeserializer avro = new AvroEventDeserializer();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topics.attendance()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (clientId.equals(r.key())) {
                        var event = avro.deserialize(r.topic(), r.value());
                        bookings.add(String.valueOf(event.get(event.getSchema().getField("bookingId").pos())));
                    }
                });
                return !bookings.isEmpty();
            });
            // anything queued behind it would have been relayed in the same burst
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (clientId.equals(r.key())) {
                    bookings.add("another");
                }
            });
        }
        return bookings;
    }
}
