package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openiop.events.SessionScheduled;

class BookingConcurrencyTest extends SchedulingTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    org.openiop.scheduling.program.ProgramRepository programs;

    @Test
    void fiftyClientsRacingForTheLastThreeSeatsGetExactlyThreeBookings() throws Exception {
        String program = createProgram("America/New_York");
        String session = groupSession(program, februaryMonday(), "EVENING", 5);
        for (int i = 0; i < 2; i++) {
            assertThat(book(session, enrol(program, februaryMonday().minusWeeks(1))).status()).isEqualTo(201);
        }
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            racers.add(enrol(program, februaryMonday().minusWeeks(1)));
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Api.Reply>> replies = new ArrayList<>();
        for (String client : racers) {
            Callable<Api.Reply> attempt = () -> {
                start.await();
                return book(session, client);
            };
            replies.add(pool.submit(attempt));
        }
        start.countDown();
        List<Api.Reply> results = new ArrayList<>();
        for (Future<Api.Reply> reply : replies) {
            results.add(reply.get());
        }
        pool.shutdown();

        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(3);
        List<Api.Reply> refused = results.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(47).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.text("code")).isEqualTo("session-full");
        });
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(5);
        long events = racers.stream().mapToLong(c -> outboxEvents(c, SessionScheduled.class).size()).sum();
        assertThat(events).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE session_id = CAST(:s AS uuid) AND status = 'BOOKED'")
                .param("s", session).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void aClosureRacingBookingsLeavesNoSeatBookedOnTheClosedDay() throws Exception {
        String program = createProgram("America/New_York");
        java.time.LocalDate day = februaryMonday().plusWeeks(1);
        String session = groupSession(program, day, "MORNING", 30);
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clients.add(enrol(program, day));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(21);
        List<Future<Api.Reply>> bookings = new ArrayList<>();
        for (String client : clients) {
            bookings.add(pool.submit(() -> {
                start.await();
                return book(session, client);
            }));
        }
        Future<Api.Reply> closure = pool.submit(() -> {
            start.await();
            return staff.post("/api/programs/" + program + "/closures",
                    java.util.Map.of("firstDay", day.toString(), "reason", "Storm"));
        });
        start.countDown();
        assertThat(closure.get().status()).isEqualTo(201);
        int booked = 0;
        for (Future<Api.Reply> reply : bookings) {
            Api.Reply r = reply.get();
            if (r.status() == 201) {
                booked++;
            } else {
                assertThat(r.status()).as(r.toString()).isIn(409, 422);
            }
        }
        pool.shutdown();

        assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE session_id = CAST(:s AS uuid) AND status = 'BOOKED'")
                .param("s", session).query(Long.class).single()).isZero();
        assertThat(closure.get().body().path("cancelledBookings").asInt()).isEqualTo(booked);
        long cancelledEvents = clients.stream()
                .mapToLong(c -> outboxEvents(c, org.openiop.events.SessionCancelled.class).size()).sum();
        assertThat(cancelledEvents).isEqualTo(booked);
    }

    @Test
    void manyMoreConcurrentReadersThanPooledConnectionsAreAllServed() throws Exception {
        java.util.UUID program = java.util.UUID.fromString(createProgram("Europe/Berlin"));
        // straight at the repository, outside any transaction: each read must hold one pooled connection at a time
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Future<org.openiop.scheduling.program.Program>> reads = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            reads.add(pool.submit(() -> programs.find(program).orElseThrow()));
        }
        for (Future<org.openiop.scheduling.program.Program> read : reads) {
            assertThat(read.get(20, java.util.concurrent.TimeUnit.SECONDS).blocks()).hasSize(2);
        }
        pool.shutdown();
    }
}
