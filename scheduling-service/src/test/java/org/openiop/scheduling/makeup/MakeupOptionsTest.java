package org.openiop.scheduling.makeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;

import tools.jackson.databind.JsonNode;

class MakeupOptionsTest extends SchedulingTestBase {

    private final LocalDate monday = februaryMonday().plusWeeks(5);

    @Test
    void anAdultWith360AttendedAndNothingLeftGetsSessionsWithAFreeSeatThatReach540() {
        String program = createProgram("America/New_York");
        String client = enrol(program, monday.minusWeeks(2));
        String full = groupSession(program, monday.plusDays(1), "MORNING", 1);
        assertThat(book(full, enrol(program, monday.minusWeeks(2))).status()).isEqualTo(201);
        String tuesdayEvening = groupSession(program, monday.plusDays(1), "EVENING", 6);
        String closedDay = groupSession(program, monday.plusDays(2), "MORNING", 6);
        assertThat(staff.post("/api/programs/" + program + "/closures",
                Map.of("firstDay", monday.plusDays(2).toString(), "reason", "Holiday")).status()).isEqualTo(201);
        String thursday = groupSession(program, monday.plusDays(3), "MORNING", 6);
        groupSession(program, monday.plusWeeks(1), "MORNING", 6); // next week: not this week's make-up

        Api.Reply reply = officer.get(options(client, 360, null));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.body().path("minimumMinutes").asInt()).isEqualTo(540);
        assertThat(reply.body().path("shortfallMinutes").asInt()).isEqualTo(180);
        List<JsonNode> options = list(reply.body().path("options"));
        assertThat(options).extracting(o -> o.path("sessions").get(0).path("sessionId").asString())
                .containsExactly(tuesdayEvening, thursday)
                .doesNotContain(full, closedDay);
        assertThat(options).allSatisfy(o -> {
            assertThat(o.path("sessions")).hasSize(1);
            assertThat(o.path("weekMinutesAfter").asInt()).isEqualTo(540);
        });

        // staff book the first option: the client's own seats now cover the week, so nothing is left to make up
        assertThat(book(tuesdayEvening, client).status()).isEqualTo(201);
        Api.Reply after = staff.get(options(client, 360, null));
        assertThat(after.body().path("scheduledMinutes").asInt()).isEqualTo(180);
        assertThat(after.body().path("shortfallMinutes").asInt()).isZero();
        assertThat(after.body().path("options")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'makeup-options' AND action = 'READ'")
                .param("c", client).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aWholeWeekShortGetsTheFewestNonOverlappingSessionsFirstAndNoClashWithItsSeats() {
        String program = createProgram("Europe/Berlin");
        String client = enrol(program, monday.minusWeeks(2));
        String tueA = groupSession(program, monday.plusDays(1), "MORNING", 6);
        String tueB = groupSession(program, monday.plusDays(1), "MORNING", 6);
        String wed = groupSession(program, monday.plusDays(2), "MORNING", 6);
        String thu = groupSession(program, monday.plusDays(3), "EVENING", 6);
        String booked = groupSession(program, monday.plusDays(4), "MORNING", 6);
        String clash = groupSession(program, monday.plusDays(4), "MORNING", 6);
        assertThat(book(booked, client).status()).isEqualTo(201);

        // attended 180 + Friday booked 180 = 360: one more session reaches 540; the Friday twin clashes with the seat
        List<JsonNode> one = list(staff.get(options(client, 180, null)).body().path("options"));
        assertThat(one).extracting(o -> o.path("sessions").get(0).path("sessionId").asString())
                .containsExactlyInAnyOrder(tueA, tueB, wed, thu).doesNotContain(clash);
        assertThat(one.subList(2, 4)).extracting(o -> o.path("sessions").get(0).path("sessionId").asString())
                .containsExactly(wed, thu);

        // nothing attended, nothing counted as booked: three sessions, never two at the same time
        List<JsonNode> three = list(staff.get(options(client, 0, 0)).body().path("options"));
        assertThat(three).isNotEmpty().allSatisfy(o -> {
            List<String> ids = new ArrayList<>();
            o.path("sessions").forEach(s -> ids.add(s.path("sessionId").asString()));
            assertThat(ids).hasSize(3).doesNotContain(booked, clash);
            assertThat(ids).doesNotContainSequence(tueA, tueB);
        });
        assertThat(three.get(0).path("sessions").get(0).path("sessionId").asString()).isIn(tueA, tueB);
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        String program = createProgram("America/New_York");
        String client = enrol(program, monday.minusWeeks(2));
        Api.Reply missing = staff.get("/api/clients/" + client + "/makeup-options?week=" + monday);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.errorFields()).containsExactly("attendedMinutes");
        Api.Reply negative = staff.get(options(client, -5, null));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.errorFields()).containsExactly("attendedMinutes");
        assertThat(staff.get("/api/clients/" + java.util.UUID.randomUUID() + "/makeup-options?attendedMinutes=0")
                .status()).isEqualTo(404);
    }

    private String options(String client, int attended, Integer scheduled) {
        return "/api/clients/" + client + "/makeup-options?week=" + monday.plusDays(2) + "&attendedMinutes=" + attended
                + (scheduled == null ? "" : "&scheduledMinutes=" + scheduled);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
