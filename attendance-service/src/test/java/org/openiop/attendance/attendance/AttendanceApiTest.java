package org.openiop.attendance.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;

import tools.jackson.databind.JsonNode;

/** Staff recording attendance over HTTP, against bookings that arrived through Kafka. */
class AttendanceApiTest extends IntegrationTest {

    final String programId = newId();
    final String clientId = newId();
    final LocalDate day = monday(-1).plusDays(1);

    /** Past sessions are recorded by hand here, so the automatic no-show must not come first. */
    @org.junit.jupiter.api.BeforeEach
    void longNoShowGrace() {
        configureProgram(programId, 60 * 24 * 60);
    }

    /** A booked 09:00-12:00 session last Tuesday, known to the service. */
    SessionScheduled bookedSession() {
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), at(day, 9, 0),
                at(day, 12, 0));
        publish(s);
        awaitBooking(s.getBookingId());
        return s;
    }

    long revisions(String bookingId) {
        return jdbc.sql("SELECT count(*) FROM attendance_revision WHERE booking_id = :b").param("b", bookingId)
                .query(Long.class).single();
    }

    long outboxEvents(String bookingId, String type) {
        return jdbc.sql("""
                SELECT count(*) FROM outbox WHERE event_type = :t AND message_key = :k
                  AND position(convert_to(:b, 'UTF8') in payload) > 0""")
                .param("t", type).param("k", clientId).param("b", bookingId).query(Long.class).single();
    }

    @Test
    void lateArrivalAndEarlyLeavingCountTheRealMinutesAndPublishSessionAttended() {
        SessionScheduled s = bookedSession();
        Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", at(day, 9, 25).toString(), "checkedOutAt", at(day, 11, 40).toString()));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("attendedMinutes").asInt()).isEqualTo(135);
        assertThat(r.json().get("revision").asInt()).isEqualTo(1);
        assertThat(r.json().get("recordedBy").asString()).isEqualTo("staff");
        assertThat(outboxEvents(s.getBookingId(), "SessionAttended")).isEqualTo(1);
    }

    @Test
    void timesOutsideTheSessionButWithinTheToleranceAreClippedToIt() {
        SessionScheduled s = bookedSession();
        Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", at(day, 8, 45).toString(), "checkedOutAt", at(day, 12, 30).toString()));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("attendedMinutes").asInt()).isEqualTo(180);
    }

    @Test
    void anAbsenceIsRecordedWithItsReasonAndNote() {
        SessionScheduled s = bookedSession();
        Response r = post("/api/bookings/" + s.getBookingId() + "/absence", "staff",
                Map.of("reason", "EXCUSED", "note", "called in advance"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("outcome").asString()).isEqualTo("MISSED");
        assertThat(r.json().get("missedReason").asString()).isEqualTo("EXCUSED");
        assertThat(r.json().get("note").asString()).isEqualTo("called in advance");
        assertThat(outboxEvents(s.getBookingId(), "SessionMissed")).isEqualTo(1);
    }

    @Test
    void aCorrectionIsKeptAsANewRevisionWithWhoWhenWhyBeforeAndAfter() {
        SessionScheduled s = bookedSession();
        post("/api/bookings/" + s.getBookingId() + "/absence", "staff", Map.of("reason", "UNEXCUSED"));
        Response corrected = post("/api/bookings/" + s.getBookingId() + "/attendance/corrections", "admin",
                Map.of("outcome", "ATTENDED", "checkedInAt", at(day, 9, 0).toString(), "checkedOutAt",
                        at(day, 12, 0).toString(), "reason", "sign-in sheet found"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("revision").asInt()).isEqualTo(2);

        JsonNode history = get("/api/bookings/" + s.getBookingId() + "/attendance", "officer").json();
        assertThat(history.get("current").get("outcome").asString()).isEqualTo("ATTENDED");
        JsonNode correction = history.get("corrections").get(0);
        assertThat(correction.get("by").asString()).isEqualTo("admin");
        assertThat(correction.get("reason").asString()).isEqualTo("sign-in sheet found");
        assertThat(correction.get("at").isNull()).isFalse();
        assertThat(correction.get("before").get("missedReason").asString()).isEqualTo("UNEXCUSED");
        assertThat(correction.get("after").get("attendedMinutes").asInt()).isEqualTo(180);
        assertThat(outboxEvents(s.getBookingId(), "SessionAttended")).isEqualTo(1);
    }

    @Test
    void aRosterCallRecordsAWholeGroupSessionAtOnce() {
        String sessionId = newId();
        List<SessionScheduled> group = List.of(newId(), newId(), newId()).stream()
                .map(c -> TestEvents.scheduled(c, programId, newId(), sessionId, at(day, 18, 0), at(day, 21, 0)))
                .toList();
        group.forEach(this::publish);
        group.forEach(g -> awaitBooking(g.getBookingId()));

        Response r = post("/api/sessions/" + sessionId + "/roster", "staff", Map.of("entries", List.of(
                Map.of("bookingId", group.get(0).getBookingId(), "presence", "PRESENT"),
                Map.of("bookingId", group.get(1).getBookingId(), "presence", "PRESENT", "checkedInAt",
                        at(day, 18, 30).toString(), "checkedOutAt", at(day, 21, 0).toString()),
                Map.of("bookingId", group.get(2).getBookingId(), "presence", "EXCUSED", "note", "family matter"))));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json()).extracting(n -> n.get("outcome").asString() + ":" + n.get("attendedMinutes").asInt())
                .containsExactly("ATTENDED:180", "ATTENDED:150", "MISSED:0");
        assertThat(get("/api/sessions/" + sessionId + "/roster", "staff").json()).hasSize(3);
    }

    @Test
    void aRosterCallWithOneBadLineRecordsNothing() {
        String sessionId = newId();
        SessionScheduled one = TestEvents.scheduled(clientId, programId, newId(), sessionId, at(day, 18, 0),
                at(day, 21, 0));
        publish(one);
        awaitBooking(one.getBookingId());
        Response r = post("/api/sessions/" + sessionId + "/roster", "staff", Map.of("entries", List.of(
                Map.of("bookingId", one.getBookingId(), "presence", "PRESENT"),
                Map.of("bookingId", newId(), "presence", "PRESENT"))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("entries[1].bookingId");
        assertThat(revisions(one.getBookingId())).isZero();
    }

    @Test
    void anAutomaticNoShowIsRecordedAfterTheGraceAndCanBeCorrectedToAttended() {
        publish(TestEvents.program(programId, "MONDAY", 30));
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(),
                Instant.now().minus(Duration.ofHours(3)), Instant.now().minus(Duration.ofMinutes(31)));
        publish(s);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> revisions(s.getBookingId()) == 1);
        JsonNode current = get("/api/bookings/" + s.getBookingId() + "/attendance", "staff").json().get("current");
        assertThat(current.get("missedReason").asString()).isEqualTo("NO_SHOW");
        assertThat(current.get("automatic").asBoolean()).isTrue();
        assertThat(current.get("recordedBy").asString()).isEqualTo("system");

        Response corrected = post("/api/bookings/" + s.getBookingId() + "/attendance/corrections", "staff",
                Map.of("outcome", "ATTENDED", "checkedInAt", s.getStartsAt().toString(), "checkedOutAt",
                        s.getEndsAt().toString(), "reason", "client was in the room, not signed in"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("revision").asInt()).isEqualTo(2);
        assertThat(corrected.json().get("attendedMinutes").asInt()).isEqualTo(149);
    }

    @Test
    void aSessionWithinItsGraceIsNotMarkedNoShow() {
        publish(TestEvents.program(programId, "MONDAY", 120));
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(),
                Instant.now().minus(Duration.ofHours(2)), Instant.now().minus(Duration.ofMinutes(30)));
        publish(s);
        awaitBooking(s.getBookingId());
        // Several sweeps run in the meantime (every 300 ms in tests).
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(revisions(s.getBookingId())).isZero();
    }

    @Test
    void onlyStaffRecordAttendance() {
        SessionScheduled s = bookedSession();
        assertThat(post("/api/bookings/" + s.getBookingId() + "/attendance", "officer",
                Map.of("checkedInAt", at(day, 9, 0).toString(), "checkedOutAt", at(day, 12, 0).toString()))
                .status()).isEqualTo(403);
        assertThat(revisions(s.getBookingId())).isZero();
    }

    @Nested
    class BadInput {

        @Test
        void checkOutBeforeCheckInIsRefusedAndNothingIsStored() {
            SessionScheduled s = bookedSession();
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    Map.of("checkedInAt", at(day, 11, 0).toString(), "checkedOutAt", at(day, 10, 0).toString()));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("checkedOutAt");
            assertThat(revisions(s.getBookingId())).isZero();
            assertThat(outboxEvents(s.getBookingId(), "SessionAttended")).isZero();
        }

        @Test
        void minutesBeyondTheSessionAreRefusedAndNothingIsStored() {
            SessionScheduled s = bookedSession();
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    Map.of("checkedInAt", at(day, 9, 0).toString(), "checkedOutAt", at(day, 18, 0).toString()));
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.json().get("code").asString()).isEqualTo("outside-session");
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("checkedOutAt");
            assertThat(revisions(s.getBookingId())).isZero();
        }

        @Test
        void anUnknownBookingIsNotFound() {
            Response r = post("/api/bookings/" + newId() + "/attendance", "staff",
                    Map.of("checkedInAt", at(day, 9, 0).toString(), "checkedOutAt", at(day, 12, 0).toString()));
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.contentType()).contains("application/problem+json");
        }

        @Test
        void aCancelledBookingIsRefusedClearly() {
            SessionScheduled s = bookedSession();
            publish(TestEvents.cancelled(s));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/bookings/"
                    + s.getBookingId() + "/attendance", "staff").json().get("cancelled").asBoolean());
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    Map.of("checkedInAt", at(day, 9, 0).toString(), "checkedOutAt", at(day, 12, 0).toString()));
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.json().get("code").asString()).isEqualTo("booking-cancelled");
            assertThat(revisions(s.getBookingId())).isZero();
        }

        @Test
        void malformedJsonIsRefusedAndNothingIsStored() {
            SessionScheduled s = bookedSession();
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    "{\"checkedInAt\": \"yesterday\", ");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            Response badTime = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    "{\"checkedInAt\": \"yesterday\", \"checkedOutAt\": \"" + at(day, 12, 0) + "\"}");
            assertThat(badTime.status()).isEqualTo(400);
            assertThat(badTime.json().get("errors").get(0).get("field").asString()).isEqualTo("checkedInAt");
            assertThat(revisions(s.getBookingId())).isZero();
        }

        @Test
        void malformedMissingAndTooLongFieldsAreNamedInOneAnswer() {
            SessionScheduled s = bookedSession();
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    "{\"checkedInAt\": 20260101, \"note\": \"" + "n".repeat(2001) + "\"}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.contentType()).contains("application/problem+json");
            java.util.List<String> fields = new java.util.ArrayList<>();
            r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
            assertThat(fields).containsExactlyInAnyOrder("checkedInAt", "checkedOutAt", "note");
            assertThat(revisions(s.getBookingId())).isZero();
        }

        @Test
        void aMissingFieldIsNamed() {
            SessionScheduled s = bookedSession();
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                    Map.of("checkedInAt", at(day, 9, 0).toString()));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("checkedOutAt");
        }

        @Test
        void recordingTwiceIsAConflictThatPointsToCorrections() {
            SessionScheduled s = bookedSession();
            Map<String, String> body = Map.of("checkedInAt", at(day, 9, 0).toString(), "checkedOutAt",
                    at(day, 12, 0).toString());
            assertThat(post("/api/bookings/" + s.getBookingId() + "/attendance", "staff", body).status())
                    .isEqualTo(201);
            Response again = post("/api/bookings/" + s.getBookingId() + "/attendance", "staff", body);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("code").asString()).isEqualTo("attendance-already-recorded");
            assertThat(revisions(s.getBookingId())).isEqualTo(1);
        }

        @Test
        void aCorrectionWithoutAReasonIsRefused() {
            SessionScheduled s = bookedSession();
            post("/api/bookings/" + s.getBookingId() + "/absence", "staff", Map.of("reason", "UNEXCUSED"));
            Response r = post("/api/bookings/" + s.getBookingId() + "/attendance/corrections", "staff",
                    Map.of("outcome", "MISSED", "missedReason", "EXCUSED"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("reason");
            assertThat(revisions(s.getBookingId())).isEqualTo(1);
        }
    }
}
