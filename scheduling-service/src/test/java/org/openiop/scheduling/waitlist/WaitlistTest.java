package org.openiop.scheduling.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;

class WaitlistTest extends SchedulingTestBase {

    private final LocalDate day = februaryMonday().plusWeeks(2);

    @Test
    void onlyAFullSessionTakesAWaitlistAndAClientWaitsOnce() {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day, "MORNING", 1);
        String waiting = enrol(program, day.minusWeeks(1));

        Api.Reply free = waitlist(session, waiting);
        assertThat(free.status()).isEqualTo(409);
        assertThat(free.contentType()).startsWith("application/problem+json");
        assertThat(free.text("code")).isEqualTo("session-has-seats");

        String booked = enrol(program, day.minusWeeks(1));
        assertThat(book(session, booked).status()).isEqualTo(201);
        assertThat(waitlist(session, booked).text("code")).isEqualTo("already-booked");
        assertThat(waitlist(session, waiting).status()).isEqualTo(201);
        Api.Reply twice = waitlist(session, waiting);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("code")).isEqualTo("already-waitlisted");
        assertThat(twice.errorFields()).containsExactly("clientId");

        Api.Reply missing = staff.post("/api/sessions/" + session + "/waitlist", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorFields()).containsExactly("clientId");
        assertThat(queue(session)).hasSize(1);
        assertThat(officer.post("/api/sessions/" + session + "/waitlist", Map.of("clientId", waiting)).status())
                .isEqualTo(403);
    }

    @Test
    void aCancelledSeatIsHeldForTheFirstWaitingClientWhoAcceptsItAsABooking() {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day, "EVENING", 1);
        String leaver = enrol(program, day.minusWeeks(1));
        String bookingId = book(session, leaver).id();
        String first = enrol(program, day.minusWeeks(1));
        String second = enrol(program, day.minusWeeks(1));
        String firstEntry = waitlist(session, first).id();
        String secondEntry = waitlist(session, second).id();
        assertThat(staff.post("/api/waitlist/" + firstEntry + "/accept", Map.of()).text("code")).isEqualTo("no-hold");

        assertThat(staff.post("/api/bookings/" + bookingId + "/cancel", Map.of()).status()).isEqualTo(200);

        Api.Reply held = staff.get("/api/waitlist/" + firstEntry);
        assertThat(held.text("status")).isEqualTo("HELD");
        Instant until = Instant.parse(held.text("heldUntil"));
        assertThat(Duration.between(Instant.now(), until)).isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
        assertThat(staff.get("/api/waitlist/" + secondEntry).text("status")).isEqualTo("WAITING");
        // the hold takes the seat: nobody else can book it
        String stranger = enrol(program, day.minusWeeks(1));
        assertThat(book(session, stranger).text("code")).isEqualTo("session-full");
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(1);

        Api.Reply accepted = staff.post("/api/waitlist/" + firstEntry + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        String newBooking = accepted.text("bookingId");
        assertThat(staff.get("/api/bookings/" + newBooking).text("clientId")).isEqualTo(first);
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(1);
        assertThat(outboxEvents(first, org.openiop.events.SessionScheduled.class)).hasSize(1);

        List<Api.Reply> q = queue(session);
        assertThat(q).extracting(r -> r.text("status")).containsExactly("WAITING", "BOOKED");
        assertThat(q.get(0).body().path("place").asInt()).isEqualTo(1);
        assertThat(q.get(1).body().path("history")).extracting(h -> h.path("status").asString())
                .containsExactly("WAITING", "HELD", "BOOKED");
        assertThat(q.get(1).body().path("history").get(2).path("actor").asString()).isEqualTo("staff");
        assertThat(staff.post("/api/waitlist/" + firstEntry + "/decline", Map.of()).text("code"))
                .isEqualTo("waitlist-entry-closed");
    }

    @Test
    void aDeclinedHoldAMoveAwayAndADischargeEachPassTheSeatOn() {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day, "MORNING", 1);
        String other = groupSession(program, day.plusDays(1), "MORNING", 5);
        String mover = enrol(program, day.minusWeeks(1));
        String moverBooking = book(session, mover).id();
        String a = enrol(program, day.minusWeeks(1));
        String b = enrol(program, day.minusWeeks(1));
        String c = enrol(program, day.minusWeeks(1));
        String entryA = waitlist(session, a).id();
        String entryB = waitlist(session, b).id();
        String entryC = waitlist(session, c).id();

        // the booked client moves to another session: their seat is held for A
        assertThat(staff.post("/api/bookings/" + moverBooking + "/reschedule", Map.of("sessionId", other)).status())
                .isEqualTo(200);
        assertThat(status(entryA)).isEqualTo("HELD");
        // A declines: B gets the hold
        assertThat(staff.post("/api/waitlist/" + entryA + "/decline", Map.of()).text("status")).isEqualTo("DECLINED");
        assertThat(status(entryB)).isEqualTo("HELD");
        // B is discharged: the hold goes to C
        assertThat(staff.post("/api/clients/" + b + "/discharge",
                Map.of("dischargeDate", day.minusWeeks(1).toString())).status()).isEqualTo(200);
        assertThat(status(entryB)).isEqualTo("REMOVED");
        assertThat(status(entryC)).isEqualTo("HELD");
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(1);

        // the session is cancelled: the queue closes and the held seat is released with it
        assertThat(staff.post("/api/sessions/" + session + "/cancel", Map.of("reason", "CLINICIAN_UNAVAILABLE")).status())
                .isEqualTo(200);
        assertThat(status(entryC)).isEqualTo("REMOVED");
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isZero();
    }

    /**
     * Three seats freed while thirty strangers race to book: every freed seat is held for a waiting client in the
     * cancelling transaction, so no stranger gets one; then the three accept while the strangers race again.
     */
    @Test
    void holdsCountAgainstCapacityUnderConcurrency() throws Exception {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day, "EVENING", 3);
        List<String> bookings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            bookings.add(book(session, enrol(program, day.minusWeeks(1))).id());
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(waitlist(session, enrol(program, day.minusWeeks(1))).id());
        }
        List<String> strangers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            strangers.add(enrol(program, day.minusWeeks(1)));
        }

        List<Callable<Api.Reply>> round1 = new ArrayList<>();
        bookings.forEach(b -> round1.add(() -> staff.post("/api/bookings/" + b + "/cancel", Map.of())));
        strangers.forEach(s -> round1.add(() -> book(session, s)));
        List<Api.Reply> first = race(round1);
        assertThat(first.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(first.subList(3, 33)).allSatisfy(r -> assertThat(r.text("code")).isEqualTo("session-full"));
        assertThat(entries).allSatisfy(e -> assertThat(status(e)).isEqualTo("HELD"));

        List<Callable<Api.Reply>> round2 = new ArrayList<>();
        entries.forEach(e -> round2.add(() -> staff.post("/api/waitlist/" + e + "/accept", Map.of())));
        strangers.forEach(s -> round2.add(() -> book(session, s)));
        List<Api.Reply> second = race(round2);
        assertThat(second.subList(0, 3)).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(second.subList(3, 33)).allSatisfy(r -> assertThat(r.text("code")).isEqualTo("session-full"));
        assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE session_id = CAST(:s AS uuid) AND status = 'BOOKED'")
                .param("s", session).query(Long.class).single()).isEqualTo(3);
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(3);
    }

    @Test
    void aHoldNeverOutlastsTheSessionStart() {
        Instant now = Instant.parse("2030-01-07T12:00:00Z");
        assertThat(WaitlistService.holdUntil(now, Duration.ofHours(2), now.plusSeconds(3600)))
                .isEqualTo(now.plusSeconds(3600));
        assertThat(WaitlistService.holdUntil(now, Duration.ofHours(2), now.plusSeconds(86_400)))
                .isEqualTo(now.plus(Duration.ofHours(2)));
    }

    private Api.Reply waitlist(String session, String client) {
        return staff.post("/api/sessions/" + session + "/waitlist", Map.of("clientId", client));
    }

    private List<Api.Reply> queue(String session) {
        List<Api.Reply> entries = new ArrayList<>();
        staff.get("/api/sessions/" + session + "/waitlist").body()
                .forEach(n -> entries.add(new Api.Reply(200, n, "application/json")));
        return entries;
    }

    private String status(String entry) {
        return staff.get("/api/waitlist/" + entry).text("status");
    }

    static List<Api.Reply> race(List<Callable<Api.Reply>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<Future<Api.Reply>> futures = new ArrayList<>();
        for (Callable<Api.Reply> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Api.Reply> replies = new ArrayList<>();
        for (Future<Api.Reply> f : futures) {
            replies.add(f.get());
        }
        pool.shutdown();
        return replies;
    }
}
