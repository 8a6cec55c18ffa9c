package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.ComplianceStatus;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.openiop.events.WeeklyComplianceChanged;
import org.openiop.events.serde.AvroEventDeserializer;

import tools.jackson.databind.JsonNode;

/** The projection fed through the real broker: out-of-order, duplicate and late events, and the read API. */
class ComplianceProjectionTest extends IntegrationTest {

    final String programId = newId();
    final String clientId = newId();

    /** A 09:00-12:00 block on {@code day}, published to iop.sessions.v1. */
    SessionScheduled block(LocalDate day) {
        return publishMorningBlock(clientId, programId, day);
    }

    SessionAttended attendedInFull(SessionScheduled s, int revision) {
        return TestEvents.attended(s, s.getStartsAt(), s.getEndsAt(), 180, revision);
    }

    List<WeeklyComplianceChanged> announcements() {
        AvroEventDeserializer decoder = new AvroEventDeserializer();
        return jdbc.sql("SELECT payload FROM outbox WHERE event_type = 'WeeklyComplianceChanged' AND message_key = :c"
                + " ORDER BY id").param("c", clientId).query(byte[].class).list().stream()
                .map(b -> (WeeklyComplianceChanged) decoder.decode(b)).toList();
    }

    /**
     * Tests that put attendance for past sessions straight on the topic must keep the recording side's automatic
     * no-show away: with the default 60 min grace its sweep (every 300 ms here) may publish a NO_SHOW revision 1 for
     * the same booking first, and the projection then rightly ignores the test's own revision 1 (same revision, not
     * newer), so the expected total never shows (the cause of a wait that once ran past 20 s on a loaded CI).
     */
    void recordPastSessionsByHand() {
        configureProgram(programId, 60 * 24 * 60);
    }

    void recordViaApi(SessionScheduled s, Instant in, Instant out) {
        awaitBooking(s.getBookingId());
        assertThat(post("/api/bookings/" + s.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", in.toString(), "checkedOutAt", out.toString())).status()).isEqualTo(201);
    }

    @Test
    void sessionsArrivingBeforeTheEnrolmentAreTotalledAndJudgedWhenItArrives() {
        LocalDate week = monday(2);
        block(week);
        block(week.plusDays(2));
        block(week.plusDays(4));
        JsonNode unknown = awaitWeek(programId, week, clientId,
                c -> c.get("scheduledRemainingMinutes").asInt() == 540);
        assertThat(unknown.get("status").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(announcements()).isEmpty();

        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        JsonNode known = awaitWeek(programId, week, clientId, c -> c.get("status").asString().equals("ON_TRACK"));
        assertThat(known.get("minimumMinutes").asInt()).isEqualTo(540);
        assertThat(known.get("track").asString()).isEqualTo("ADULT");
        assertThat(known.get("trend")).hasSize(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> announcements().size() == 1);
        assertThat(announcements().get(0).getStatus()).isEqualTo(ComplianceStatus.ON_TRACK);
        assertThat(announcements().get(0).getPreviousStatus()).isNull();
    }

    @Test
    void attendanceArrivingBeforeItsSessionEventIsStillCounted() {
        LocalDate week = monday(2);
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), at(week, 9, 0),
                at(week, 12, 0));
        publish(TestEvents.enrolled(clientId, programId, Track.ADOLESCENT, monday(-4)), attendedInFull(s, 1));
        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 180);
        publish(s);
        JsonNode after = awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 180);
        assertThat(after.get("scheduledRemainingMinutes").asInt()).isZero();
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnceAndAnOlderRevisionNeverReplacesANewerOne() {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        SessionScheduled a = block(week);
        SessionScheduled b = block(week.plusDays(1));
        SessionAttended once = attendedInFull(a, 1);
        publish(once, once);
        SessionAttended newer = TestEvents.attended(b, b.getStartsAt(), b.getStartsAt().plusSeconds(3600), 60, 2);
        SessionAttended older = attendedInFull(b, 1);
        publish(newer, older);
        SessionScheduled marker = block(week.plusDays(2));
        // Sessions and attendance travel on different topics: the marker says the sessions are in, and the older
        // revision's inbox row that both attendance records of b have been applied (or refused as stale).
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql(
                "SELECT count(*) FROM processed_event WHERE event_id IN (:n, :o)")
                .param("n", newer.getEventId()).param("o", older.getEventId()).query(Long.class).single() == 2);
        // The week is evaluated after the inputs are stored; an older revision replacing the newer would show 360 and
        // never reach this state.
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("scheduledRemainingMinutes").asInt() == 180
                && c.get("attendedMinutes").asInt() == 240);
        assertThat(row.get("attendedMinutes").asInt()).isEqualTo(240);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_event WHERE event_id = :e")
                .param("e", once.getEventId()).query(Long.class).single()).isEqualTo(1);
        assertThat(marker).isNotNull();
    }

    @Test
    void aCancellationThatMakesTheMinimumUnreachableTurnsOnTrackIntoAtRiskAndIsAnnounced() {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        block(week);
        block(week.plusDays(2));
        SessionScheduled friday = block(week.plusDays(4));
        awaitWeek(programId, week, clientId, c -> c.get("status").asString().equals("ON_TRACK"));
        publish(TestEvents.cancelled(friday));
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("status").asString().equals("AT_RISK"));
        assertThat(row.get("scheduledRemainingMinutes").asInt()).isEqualTo(360);
        await().atMost(Duration.ofSeconds(10)).until(() -> announcements().stream()
                .anyMatch(a -> a.getStatus() == ComplianceStatus.AT_RISK && a.getPreviousStatus() != null));
        List<WeeklyComplianceChanged> all = announcements();
        WeeklyComplianceChanged change = all.get(all.size() - 1);
        assertThat(change.getPreviousStatus()).isEqualTo(ComplianceStatus.ON_TRACK);
        assertThat(change.getStatus()).isEqualTo(ComplianceStatus.AT_RISK);
        assertThat(change.getWeekStart()).isEqualTo(week);
    }

    @Test
    void anAdolescentAttendingExactly360MinutesThroughTheApiHasMetTheMinimum() {
        LocalDate week = monday(-1);
        configureProgram(programId, 60 * 24 * 60);
        publish(TestEvents.enrolled(clientId, programId, Track.ADOLESCENT, monday(-4)));
        SessionScheduled mon = block(week);
        SessionScheduled wed = block(week.plusDays(2));
        recordViaApi(mon, mon.getStartsAt(), mon.getEndsAt());
        recordViaApi(wed, wed.getStartsAt().minusSeconds(600), wed.getEndsAt());
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("status").asString().equals("MET"));
        assertThat(row.get("attendedMinutes").asInt()).isEqualTo(360);
        assertThat(row.get("minimumMinutes").asInt()).isEqualTo(360);
    }

    @Test
    void anAdultAt539MinutesHasNotMetTheMinimum() {
        LocalDate week = monday(-4);
        recordPastSessionsByHand();
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        SessionScheduled mon = block(week);
        SessionScheduled wed = block(week.plusDays(2));
        SessionScheduled fri = block(week.plusDays(4));
        publish(attendedInFull(mon, 1), attendedInFull(wed, 1),
                TestEvents.attended(fri, fri.getStartsAt().plusSeconds(60), fri.getEndsAt(), 179, 1));
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 539);
        assertThat(row.get("status").asString()).isEqualTo("BELOW_MINIMUM");
        assertThat(row.get("closed").asBoolean()).isTrue();
    }

    @Test
    void admissionOnAThursdayMakesAPartialWeek() {
        LocalDate week = monday(-1);
        recordPastSessionsByHand();
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, week.plusDays(3)));
        SessionScheduled thu = block(week.plusDays(3));
        publish(attendedInFull(thu, 1));
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 180);
        assertThat(row.get("status").asString()).isEqualTo("PARTIAL_WEEK");
        assertThat(row.get("partialWeek").asBoolean()).isTrue();
    }

    @Test
    void aThreeHourBlockAcrossTheClockChangeCountsItsRealMinutes() {
        // 01:00 EDT to 04:00 EST on Sunday 2 November 2025: four real hours.
        Instant start = ZonedDateTime.of(2025, 11, 2, 1, 0, 0, 0, ZONE).withEarlierOffsetAtOverlap().toInstant();
        Instant end = ZonedDateTime.of(2025, 11, 2, 4, 0, 0, 0, ZONE).toInstant();
        // A grace of over two years keeps the recording side's automatic no-show off this long-past block.
        configureProgram(programId, 60 * 24 * 800);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, LocalDate.of(2025, 9, 1)));
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), start, end);
        publish(s, TestEvents.attended(s, start, end, 240, 1));
        JsonNode row = awaitWeek(programId, LocalDate.of(2025, 10, 27), clientId,
                c -> c.get("attendedMinutes").asInt() > 0);
        assertThat(row.get("attendedMinutes").asInt()).isEqualTo(240);
    }

    @Test
    void aCorrectionAfterTheWeekClosedReopensAndReJudgesIt() {
        LocalDate week = monday(-3);
        configureProgram(programId, 60 * 24 * 60);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        SessionScheduled mon = block(week);
        SessionScheduled wed = block(week.plusDays(2));
        SessionScheduled fri = block(week.plusDays(4));
        recordViaApi(mon, mon.getStartsAt(), mon.getEndsAt());
        recordViaApi(wed, wed.getStartsAt(), wed.getEndsAt());
        awaitBooking(fri.getBookingId());
        post("/api/bookings/" + fri.getBookingId() + "/absence", "staff", Map.of("reason", "UNEXCUSED"));
        JsonNode closedShort = awaitWeek(programId, week, clientId,
                c -> c.get("status").asString().equals("BELOW_MINIMUM") && c.get("scheduledRemainingMinutes").asInt() == 0);
        assertThat(closedShort.get("closed").asBoolean()).isTrue();

        assertThat(post("/api/bookings/" + fri.getBookingId() + "/attendance/corrections", "staff",
                Map.of("outcome", "ATTENDED", "checkedInAt", fri.getStartsAt().toString(), "checkedOutAt",
                        fri.getEndsAt().toString(), "reason", "sign-in sheet scanned late")).status()).isEqualTo(201);
        JsonNode met = awaitWeek(programId, week, clientId, c -> c.get("status").asString().equals("MET"));
        assertThat(met.get("attendedMinutes").asInt()).isEqualTo(540);

        JsonNode history = get("/api/clients/" + clientId + "/compliance", "officer").json();
        // every week of the enrolment is listed (the unbooked ones judged too): take the corrected one
        JsonNode w = java.util.stream.StreamSupport.stream(history.get("weeks").spliterator(), false)
                .filter(x -> x.get("weekStart").asString().equals(week.toString())).findFirst().orElseThrow();
        assertThat(w.get("reopenedAt").isNull()).isFalse();
        assertThat(w.get("sessions")).extracting(s -> s.get("why").asString()).containsExactly(
                "attended 180 of 180 min", "attended 180 of 180 min", "attended 180 of 180 min, revision 2");
        await().atMost(Duration.ofSeconds(10)).until(() -> announcements().stream()
                .anyMatch(a -> a.getStatus() == ComplianceStatus.MET));
        assertThat(announcements()).extracting(WeeklyComplianceChanged::getStatus)
                .containsSubsequence(ComplianceStatus.BELOW_MINIMUM, ComplianceStatus.MET);
    }

    @Test
    void anAutomaticNoShowLaterCorrectedToAttendedCountsTheAttendedMinutes() {
        publish(TestEvents.program(programId, "MONDAY", 0),
                TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        Instant start = Instant.now().minus(Duration.ofHours(4));
        SessionScheduled s = TestEvents.scheduled(clientId, programId, newId(), newId(), start,
                start.plus(Duration.ofHours(3)));
        publish(s);
        LocalDate week = start.atZone(ZONE).toLocalDate().with(java.time.temporal.TemporalAdjusters
                .previousOrSame(java.time.DayOfWeek.MONDAY));
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response r = get("/api/clients/" + clientId + "/compliance", "officer");
            return r.status() == 200 && r.body().contains("no-show recorded automatically");
        });
        assertThat(post("/api/bookings/" + s.getBookingId() + "/attendance/corrections", "staff",
                Map.of("outcome", "ATTENDED", "checkedInAt", start.plusSeconds(1800).toString(), "checkedOutAt",
                        s.getEndsAt().toString(), "reason", "arrived late, sign-in missed")).status()).isEqualTo(201);
        JsonNode row = awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 150);
        assertThat(row.get("scheduledRemainingMinutes").asInt()).isZero();
    }

    @Test
    void theClientHistoryShowsEverySessionAndWhy() {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        SessionScheduled mon = block(week);
        SessionScheduled wed = block(week.plusDays(2));
        SessionScheduled fri = block(week.plusDays(4));
        publish(TestEvents.attended(mon, mon.getStartsAt().plusSeconds(600), mon.getEndsAt(), 170, 1),
                TestEvents.cancelled(fri));
        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 170
                && c.get("scheduledRemainingMinutes").asInt() == 180);
        JsonNode weekNode = get("/api/clients/" + clientId + "/compliance", "officer").json().get("weeks").get(0);
        assertThat(weekNode.get("sessions")).extracting(s -> s.get("state").asString() + ": " + s.get("why").asString())
                .containsExactly("COUNTED: attended 170 of 180 min (arrived 10 min late)",
                        "SCHEDULED: still scheduled: 180 min expected", "CANCELLED: cancelled: not counted, not expected");
        assertThat(weekNode.get("days").get(0).get("attendedMinutes").asInt()).isEqualTo(170);
        assertThat(wed).isNotNull();
        assertThat(get("/api/clients/" + clientId + "/compliance", "staff").status()).isEqualTo(403);
        assertThat(get("/api/clients/" + newId() + "/compliance", "officer").status()).isEqualTo(404);
    }

    @Test
    void theExportListsClientWeeksWithTheirDailyEvidence() {
        LocalDate week = monday(-2);
        recordPastSessionsByHand();
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-8)));
        SessionScheduled mon = block(week);
        publish(attendedInFull(mon, 1));
        awaitWeek(programId, week, clientId, c -> c.get("attendedMinutes").asInt() == 180);
        Response csv = get("/api/programs/" + programId + "/compliance/export?from=" + week + "&to="
                + week.plusDays(6), "officer");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("program_id,client_id,week_start,track,attended_minutes");
        assertThat(csv.body()).contains(programId + "," + clientId + "," + week + ",ADULT,180,0,540,BELOW_MINIMUM,"
                + "true,false,1,1,false," + week + ":180min/1s");
        assertThat(get("/api/programs/" + programId + "/compliance/export?from=" + week + "&to="
                + week.minusDays(1), "officer").status()).isEqualTo(400);
    }

    @Test
    void theLiveStreamSendsAChangeOfTheProgramsWeeks() throws Exception {
        LocalDate week = monday(2);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-4)));
        block(week);
        awaitWeek(programId, week, clientId, c -> true);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/programs/"
                + programId + "/compliance/stream")).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("officer:iop-officer".getBytes(StandardCharsets.UTF_8))).GET().build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> change = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains(clientId) && line.contains("\"attendedMinutes\":0")
                            && line.contains("360")) {
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        block(week.plusDays(2));
        assertThat(change.get(20, TimeUnit.SECONDS)).contains("\"scheduledRemainingMinutes\":360");
        response.body().close();
    }
}
