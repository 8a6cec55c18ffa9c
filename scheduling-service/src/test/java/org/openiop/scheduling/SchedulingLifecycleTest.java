package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.events.Block;
import org.openiop.events.ChangeReason;
import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.events.Track;

import tools.jackson.databind.JsonNode;

/** A program's life through the API, and the one event each change publishes. */
class SchedulingLifecycleTest extends SchedulingTestBase {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    @Test
    void aProgramIsCreatedWithDefaultsAndEachSaveIsPublished() {
        Map<String, Object> body = programBody("America/Los_Angeles");
        assertThat(staff.post("/api/programs", body).status()).isEqualTo(403);
        Api.Reply created = admin.post("/api/programs", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("weekStart")).isEqualTo("MONDAY");
        assertThat(created.body().path("adultMinimumMinutes").asInt()).isEqualTo(540);
        assertThat(created.body().path("adolescentMinimumMinutes").asInt()).isEqualTo(360);
        assertThat(created.body().path("noShowGraceMinutes").asInt()).isEqualTo(60);
        assertThat(created.body().path("blocks")).hasSize(2);
        assertThat(created.body().path("blocks").get(1).path("startTime").asString()).startsWith("18:00");

        body.put("adultMinimumMinutes", 600);
        body.put("blocks", List.of(Map.of("name", "MORNING", "startTime", "09:00", "endTime", "12:00"),
                Map.of("name", "AFTERNOON", "startTime", "13:00", "endTime", "16:00")));
        assertThat(staff.put("/api/programs/" + created.id(), body).status()).isEqualTo(403);
        assertThat(admin.put("/api/programs/" + created.id(), body).status()).isEqualTo(200);

        List<ProgramConfigured> events = outboxEvents(created.id(), ProgramConfigured.class);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getTimeZone()).isEqualTo("America/Los_Angeles");
        assertThat(events.get(0).getPhone()).isEqualTo("+15551230000");
        assertThat(events.get(1).getAdultMinimumMinutes()).isEqualTo(600);
        assertThat(staff.get("/api/programs/" + created.id()).body().path("blocks").get(1).path("name").asString())
                .isEqualTo("AFTERNOON");
    }

    @Test
    void enrolmentDerivesTheTrackFromAgeAtAdmissionAndPublishesIdsOnly() {
        String program = createProgram("America/Los_Angeles");
        LocalDate admission = februaryMonday();
        Api.Reply teen = staff.post("/api/programs/" + program + "/enrolments", Map.of("displayName", "Sam Teen",
                "dateOfBirth", admission.minusYears(16).toString(), "admissionDate", admission.toString(),
                "phaseSessionsPerWeek", 5));
        assertThat(teen.status()).as(teen.toString()).isEqualTo(201);
        assertThat(teen.text("track")).isEqualTo("ADOLESCENT");
        ClientEnrolled enrolled = outboxEvents(teen.text("clientId"), ClientEnrolled.class).get(0);
        assertThat(enrolled.getTrack()).isEqualTo(Track.ADOLESCENT);
        assertThat(enrolled.getPhaseSessionsPerWeek()).isEqualTo(5);
        assertThat(enrolled.toString()).doesNotContain("Sam").doesNotContain(admission.minusYears(16).toString());

        String chosenId = java.util.UUID.randomUUID().toString();
        Api.Reply adult = staff.post("/api/programs/" + program + "/enrolments", Map.of("clientId", chosenId,
                "displayName", "Alex", "dateOfBirth", "1980-05-05", "admissionDate", admission.toString()));
        assertThat(adult.text("clientId")).isEqualTo(chosenId);
        assertThat(adult.text("track")).isEqualTo("ADULT");
        Api.Reply again = staff.post("/api/programs/" + program + "/enrolments", Map.of("clientId", chosenId,
                "displayName", "Alex", "dateOfBirth", "1980-05-05", "admissionDate", admission.toString()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("client-already-enrolled");
    }

    @Test
    void bookingPublishesTheSessionTimesInTheProgramZone() {
        String program = createProgram("America/Los_Angeles");
        LocalDate day = februaryMonday();
        String client = enrol(program, day);
        String session = groupSession(program, day, "MORNING", 8);

        Api.Reply booked = book(session, client);

        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        SessionScheduled event = outboxEvents(client, SessionScheduled.class).get(0);
        assertThat(event.getBookingId()).isEqualTo(booked.id());
        assertThat(event.getSessionId()).isEqualTo(session);
        assertThat(event.getProgramId()).isEqualTo(program);
        assertThat(event.getSessionType()).isEqualTo(SessionType.GROUP);
        assertThat(event.getBlock()).isEqualTo(Block.MORNING);
        assertThat(event.getTimeZone()).isEqualTo("America/Los_Angeles");
        assertThat(event.getStartsAt()).isEqualTo(day.atTime(9, 0).atZone(LA).toInstant());
        assertThat(event.getEndsAt()).isEqualTo(day.atTime(12, 0).atZone(LA).toInstant());
        assertThat(event.getSeriesId()).isNull();
    }

    @Test
    void cancellingAndMovingPublishOneEventPerBooking() {
        String program = createProgram("America/Los_Angeles");
        LocalDate day = februaryMonday();
        String a = enrol(program, day);
        String b = enrol(program, day);
        String evening = groupSession(program, day, "EVENING", 8);
        String bookingA = book(evening, a).id();
        String bookingB = book(evening, b).id();

        Api.Reply moved = staff.post("/api/sessions/" + evening + "/reschedule",
                Map.of("date", day.plusDays(1).toString(), "block", "MORNING", "reason", "CLINICIAN_UNAVAILABLE"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        for (String client : List.of(a, b)) {
            List<SessionRescheduled> events = outboxEvents(client, SessionRescheduled.class);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPreviousStartsAt()).isEqualTo(day.atTime(18, 0).atZone(LA).toInstant());
            assertThat(events.get(0).getStartsAt()).isEqualTo(day.plusDays(1).atTime(9, 0).atZone(LA).toInstant());
            assertThat(events.get(0).getReason()).isEqualTo(ChangeReason.CLINICIAN_UNAVAILABLE);
        }

        String other = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "INDIVIDUAL",
                "date", day.plusDays(2).toString(), "startTime", "15:00", "endTime", "16:00")).id();
        Api.Reply single = staff.post("/api/bookings/" + bookingA + "/reschedule",
                Map.of("sessionId", other, "reason", "CLIENT_REQUEST"));
        assertThat(single.status()).as(single.toString()).isEqualTo(200);
        assertThat(single.text("sessionId")).isEqualTo(other);
        assertThat(outboxEvents(a, SessionRescheduled.class)).hasSize(2);
        assertThat(staff.get("/api/sessions/" + evening).body().path("seatsUsed").asInt()).isEqualTo(1);

        Api.Reply cancelOne = staff.post("/api/bookings/" + bookingA + "/cancel", Map.of("reason", "CLIENT_REQUEST"));
        assertThat(cancelOne.text("status")).isEqualTo("CANCELLED");
        assertThat(staff.post("/api/bookings/" + bookingA + "/cancel", Map.of()).status()).isEqualTo(409);

        Api.Reply cancelSession = staff.post("/api/sessions/" + evening + "/cancel", Map.of("note", "flooded"));
        assertThat(cancelSession.body().path("cancelledBookings").asInt()).isEqualTo(1);
        List<SessionCancelled> cancelledB = outboxEvents(b, SessionCancelled.class);
        assertThat(cancelledB).hasSize(1);
        assertThat(cancelledB.get(0).getBookingId()).isEqualTo(bookingB);
        assertThat(cancelledB.get(0).getReason()).isEqualTo(ChangeReason.SESSION_CANCELLED);
        assertThat(outboxEvents(a, SessionCancelled.class)).extracting(SessionCancelled::getReason)
                .containsExactly(ChangeReason.CLIENT_REQUEST);
    }

    @Test
    void aClosureCancelsTheBookingsItCoversAndADischargeCancelsLaterOnes() {
        String program = createProgram("America/Los_Angeles");
        LocalDate day = februaryMonday();
        String client = enrol(program, day);
        String monday = groupSession(program, day, "EVENING", 8);
        String tuesday = groupSession(program, day.plusDays(1), "EVENING", 8);
        String friday = groupSession(program, day.plusDays(4), "EVENING", 8);
        book(monday, client);
        book(tuesday, client);
        book(friday, client);

        Api.Reply closure = staff.post("/api/programs/" + program + "/closures",
                Map.of("firstDay", day.plusDays(1).toString(), "lastDay", day.plusDays(2).toString(),
                        "reason", "Public holiday"));
        assertThat(closure.status()).as(closure.toString()).isEqualTo(201);
        assertThat(closure.body().path("cancelledBookings").asInt()).isEqualTo(1);
        assertThat(staff.get("/api/sessions/" + tuesday).text("status")).isEqualTo("CANCELLED");
        assertThat(outboxEvents(client, SessionCancelled.class)).singleElement()
                .satisfies(e -> assertThat(e.getReason()).isEqualTo(ChangeReason.PROGRAM_CLOSURE));

        Api.Reply discharged = staff.post("/api/clients/" + client + "/discharge",
                Map.of("dischargeDate", day.plusDays(3).toString()));
        assertThat(discharged.status()).as(discharged.toString()).isEqualTo(200);
        assertThat(discharged.text("status")).isEqualTo("DISCHARGED");
        assertThat(outboxEvents(client, SessionCancelled.class)).extracting(SessionCancelled::getReason)
                .containsExactly(ChangeReason.PROGRAM_CLOSURE, ChangeReason.CLIENT_DISCHARGED);
        assertThat(outboxEvents(client, ClientDischarged.class)).singleElement()
                .satisfies(e -> assertThat(e.getDischargeDate()).isEqualTo(day.plusDays(3)));
        assertThat(staff.get("/api/sessions/" + monday).body().path("seatsUsed").asInt()).isEqualTo(1);
    }

    @Test
    void aClosureEnteredByMistakeIsRemovedBeforeItBeginsAndItsDaysOpenAgain() {
        String program = createProgram("America/Los_Angeles");
        LocalDate day = februaryMonday();
        String closure = staff.post("/api/programs/" + program + "/closures",
                Map.of("firstDay", day.toString(), "reason", "Wrong day")).id();
        Api.Reply refused = staff.post("/api/programs/" + program + "/sessions",
                Map.of("type", "GROUP", "date", day.toString(), "block", "MORNING"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);

        assertThat(officer.delete("/api/programs/" + program + "/closures/" + closure).status()).isEqualTo(403);
        assertThat(staff.delete("/api/programs/" + program + "/closures/" + UUID.randomUUID()).status())
                .isEqualTo(404);
        Api.Reply removed = staff.delete("/api/programs/" + program + "/closures/" + closure);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertThat(staff.get("/api/programs/" + program + "/closures?from=" + day + "&to=" + day).body()).isEmpty();
        assertThat(staff.post("/api/programs/" + program + "/sessions",
                Map.of("type", "GROUP", "date", day.toString(), "block", "MORNING")).status()).isEqualTo(201);
        assertThat(staff.delete("/api/programs/" + program + "/closures/" + closure).status()).isEqualTo(404);
    }

    @Test
    void staffSeeTheWeekBoardSchedulesAndWhetherThePlanReachesTheMinimum() {
        String program = createProgram("America/Los_Angeles");
        LocalDate monday = februaryMonday();
        String client = enrol(program, monday);
        String clinician = staff.post("/api/programs/" + program + "/clinicians", Map.of("displayName", "Dr B")).id();
        for (int d : new int[] { 0, 2 }) {
            String s = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                    "date", monday.plusDays(d).toString(), "block", "EVENING", "clinicianId", clinician)).id();
            assertThat(book(s, client).status()).isEqualTo(201);
        }
        String custom = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "INDIVIDUAL",
                "date", monday.plusDays(4).toString(), "startTime", "10:00", "endTime", "11:00")).id();
        assertThat(book(custom, client).status()).isEqualTo(201);

        JsonNode board = officer.get("/api/programs/" + program + "/week-board?date=" + monday.plusDays(3)).body();
        assertThat(board.path("weekStart").asString()).isEqualTo(monday.toString());
        assertThat(board.path("days")).hasSize(7);
        JsonNode mondayEvening = board.path("days").get(0).path("blocks").get(1);
        assertThat(mondayEvening.path("block").asString()).isEqualTo("EVENING");
        assertThat(mondayEvening.path("seatsUsed").asInt()).isEqualTo(1);
        assertThat(mondayEvening.path("capacity").asInt()).isEqualTo(10);
        assertThat(board.path("days").get(4).path("blocks").get(2).path("block").asString()).isEqualTo("CUSTOM");

        JsonNode schedule = staff.get("/api/clients/" + client + "/schedule?from=" + monday + "&to="
                + monday.plusDays(6) + "&size=2").body();
        assertThat(schedule.path("totalItems").asInt()).isEqualTo(3);
        assertThat(schedule.path("items")).hasSize(2);
        assertThat(staff.get("/api/clinicians/" + clinician + "/schedule?from=" + monday + "&to="
                + monday.plusDays(6)).body().path("totalItems").asInt()).isEqualTo(2);

        JsonNode weeks = officer.get("/api/clients/" + client + "/planned-minutes?from=" + monday + "&weeks=2").body();
        assertThat(weeks).hasSize(2);
        assertThat(weeks.get(0).path("plannedMinutes").asInt()).isEqualTo(3 * 60 + 3 * 60 + 60);
        assertThat(weeks.get(0).path("minimumMinutes").asInt()).isEqualTo(540);
        assertThat(weeks.get(0).path("shortfallMinutes").asInt()).isEqualTo(120);
        assertThat(weeks.get(0).path("reachesMinimum").asBoolean()).isFalse();
        assertThat(weeks.get(1).path("plannedMinutes").asInt()).isZero();
    }

    @Test
    void theApiIsDescribedByOpenApi() {
        Api.Reply docs = staff.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/sessions/{sessionId}/bookings")).isTrue();
        assertThat(docs.body().path("paths").has("/api/programs/{programId}/series/preview")).isTrue();
    }

    @Test
    void aSessionAcrossTheAutumnClockChangeLastsItsRealMinutes() {
        String program = createProgram("America/Los_Angeles");
        LocalDate fallBack = LocalDate.of(NEXT_YEAR, 11, 1).with(
                java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.SUNDAY));
        Api.Reply night = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "INDIVIDUAL",
                "date", fallBack.toString(), "startTime", "00:30", "endTime", "03:30"));
        assertThat(night.status()).as(night.toString()).isEqualTo(201);
        assertThat(Duration.between(Instant.parse(night.text("startsAt")), Instant.parse(night.text("endsAt"))))
                .isEqualTo(Duration.ofHours(4));
        assertThat(Instant.parse(night.text("startsAt")).atZone(LA).toLocalTime()).isEqualTo(LocalTime.of(0, 30));
    }
}
