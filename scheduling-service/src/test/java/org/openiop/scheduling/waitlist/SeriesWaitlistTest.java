package org.openiop.scheduling.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;

import tools.jackson.databind.JsonNode;

/** Series-wide waitlists (issue 17): one action queues the client for every remaining full day of their series. */
class SeriesWaitlistTest extends SchedulingTestBase {

    private final LocalDate monday = februaryMonday().plusWeeks(2);

    @Test
    void aSeriesClientWaitsForEachFullDayOnceAndAnAcceptedHoldBecomesASeatOfTheSeries() {
        String program = createProgram("America/New_York");
        String mondayGroup = groupSession(program, monday, "EVENING", 1);
        String wednesdayGroup = groupSession(program, monday.plusDays(2), "EVENING", 1);
        groupSession(program, monday.plusDays(4), "EVENING", 5);
        String mondaySeat = book(mondayGroup, enrol(program, monday.minusWeeks(1))).id();
        book(wednesdayGroup, enrol(program, monday.minusWeeks(1)));
        String client = enrol(program, monday.minusWeeks(1));

        Api.Reply created = staff.post("/api/programs/" + program + "/series", Map.of("clientId", client,
                "type", "GROUP", "block", "EVENING", "topic", "CBT", "startDate", monday.toString(),
                "daysOfWeek", List.of("MONDAY", "WEDNESDAY", "FRIDAY"), "weeks", 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("refused").asInt()).isEqualTo(2);
        String series = created.text("seriesId");

        assertThat(officer.post("/api/series/" + series + "/waitlist", Map.of()).status()).isEqualTo(403);
        Api.Reply waitlisted = staff.post("/api/series/" + series + "/waitlist", Map.of());
        assertThat(waitlisted.status()).as(waitlisted.toString()).isEqualTo(200);
        assertThat(waitlisted.body().path("waitlisted").asInt()).isEqualTo(2);
        assertThat(waitlisted.body().path("days")).extracting(d -> d.path("sessionId").asString())
                .containsExactly(mondayGroup, wednesdayGroup);

        JsonNode view = staff.get("/api/series/" + series).body();
        assertThat(view.path("waitlist")).extracting(e -> e.path("status").asString() + "@" + e.path("place").asInt())
                .containsExactly("WAITING@1", "WAITING@1");

        // a second request adds nothing: the database keeps one open entry per client and session
        Api.Reply again = staff.post("/api/series/" + series + "/waitlist", Map.of());
        assertThat(again.body().path("waitlisted").asInt()).isZero();
        assertThat(again.body().path("days")).extracting(d -> d.path("code").asString())
                .containsOnly("already-waitlisted");
        assertThat(staff.post("/api/sessions/" + mondayGroup + "/waitlist", Map.of("clientId", client)).text("code"))
                .isEqualTo("already-waitlisted");
        assertThat(jdbc.sql("SELECT count(*) FROM waitlist_entry WHERE client_id = CAST(:c AS uuid)")
                .param("c", client).query(Long.class).single()).isEqualTo(2);

        // each entry is an ordinary one: a freed seat is held for the client, accepted, and joins the series
        assertThat(staff.post("/api/bookings/" + mondaySeat + "/cancel", Map.of()).status()).isEqualTo(200);
        JsonNode held = staff.get("/api/series/" + series).body().path("waitlist").get(0);
        assertThat(held.path("status").asString()).isEqualTo("HELD");
        Api.Reply accepted = staff.post("/api/waitlist/" + held.path("id").asString() + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(staff.get("/api/bookings/" + accepted.text("bookingId")).text("seriesId")).isEqualTo(series);
        JsonNode after = staff.get("/api/series/" + series).body();
        assertThat(after.path("occurrences")).extracting(o -> o.path("sessionId").asString()).contains(mondayGroup);
        assertThat(after.path("waitlist")).extracting(e -> e.path("status").asString())
                .containsExactly("BOOKED", "WAITING");
    }

    @Test
    void daysTheSeriesDropsLeaveTheirQueuesAndAHeldSeatGoesToTheNextClient() {
        String program = createProgram("America/New_York");
        String mondayGroup = groupSession(program, monday, "EVENING", 1);
        String wednesdayGroup = groupSession(program, monday.plusDays(2), "EVENING", 1);
        String mondaySeat = book(mondayGroup, enrol(program, monday.minusWeeks(1))).id();
        book(wednesdayGroup, enrol(program, monday.minusWeeks(1)));
        String client = enrol(program, monday.minusWeeks(1));
        // Friday has room, so the series can be made (a series with no bookable day is refused)
        String series = staff.post("/api/programs/" + program + "/series", Map.of("clientId", client,
                "type", "GROUP", "block", "EVENING", "topic", "CBT", "startDate", monday.toString(),
                "daysOfWeek", List.of("MONDAY", "WEDNESDAY", "FRIDAY"), "weeks", 1)).text("seriesId");
        assertThat(staff.post("/api/series/" + series + "/waitlist", Map.of()).body().path("waitlisted").asInt())
                .isEqualTo(2);
        String next = enrol(program, monday.minusWeeks(1));
        String nextEntry = staff.post("/api/sessions/" + mondayGroup + "/waitlist", Map.of("clientId", next)).id();

        // a step-down to Mondays and Fridays drops Wednesday: its entry leaves the queue, Monday's stays
        assertThat(staff.post("/api/series/" + series + "/frequency", Map.of("effectiveFrom", monday.toString(),
                "daysOfWeek", List.of("MONDAY", "FRIDAY"))).status()).isEqualTo(200);
        assertThat(staff.get("/api/series/" + series).body().path("waitlist"))
                .extracting(e -> e.path("status").asString()).containsExactly("WAITING", "REMOVED");

        // Monday's seat is held for the series' client; the series ends: the hold goes to the next client
        assertThat(staff.post("/api/bookings/" + mondaySeat + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(staff.get("/api/series/" + series).body().path("waitlist").get(0).path("status").asString())
                .isEqualTo("HELD");
        assertThat(staff.post("/api/series/" + series + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(staff.get("/api/series/" + series).body().path("waitlist"))
                .extracting(e -> e.path("status").asString()).containsExactly("REMOVED", "REMOVED");
        assertThat(staff.get("/api/waitlist/" + nextEntry).text("status")).isEqualTo("HELD");
        assertThat(staff.get("/api/sessions/" + mondayGroup).body().path("seatsUsed").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownOrEndedSeriesIsAProblem() {
        Api.Reply unknown = staff.post("/api/series/" + UUID.randomUUID() + "/waitlist", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.errorFields()).containsExactly("seriesId");

        String program = createProgram("America/New_York");
        String client = enrol(program, monday.minusWeeks(1));
        String series = staff.post("/api/programs/" + program + "/series", Map.of("clientId", client,
                "type", "GROUP", "block", "EVENING", "startDate", monday.toString(),
                "daysOfWeek", List.of("MONDAY"), "weeks", 2)).text("seriesId");
        Api.Reply free = staff.post("/api/series/" + series + "/waitlist", Map.of());
        assertThat(free.body().path("waitlisted").asInt()).isZero();
        assertThat(staff.post("/api/series/" + series + "/cancel", Map.of()).status()).isEqualTo(200);
        Api.Reply ended = staff.post("/api/series/" + series + "/waitlist", Map.of());
        assertThat(ended.status()).isEqualTo(409);
        assertThat(ended.text("code")).isEqualTo("series-ended");
    }
}
