package org.openiop.attendance.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.booking.BookingRepository;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Several instances sweeping at once: every due booking gets exactly one automatic no-show and one event. */
class NoShowConcurrencyTest extends IntegrationTest {

    @Autowired BookingRepository bookings;
    @Autowired AttendanceRecorder recorder;
    @Autowired TransactionTemplate transactions;
    @Autowired AttendanceProperties properties;

    @Test
    void competingSweepersNeverRecordABookingTwice() throws Exception {
        String programId = newId();
        configureProgram(programId, 0);
        List<String> bookingIds = new ArrayList<>();
        Instant end = Instant.now().minus(Duration.ofMinutes(5));
        for (int i = 0; i < 40; i++) {
            SessionScheduled s = TestEvents.scheduled(newId(), programId, newId(), newId(),
                    end.minus(Duration.ofHours(3)), end);
            bookingIds.add(s.getBookingId());
            publish(s);
        }
        // Four "instances" (sweepers with their own transactions) plus the service's own scheduled sweeper.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> sweepers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sweepers.add(() -> {
                    int total = 0;
                    for (int round = 0; round < 50; round++) {
                        total += new NoShowSweeper(bookings, recorder, transactions, java.time.Clock.systemUTC(),
                                properties).sweepOnce();
                    }
                    return total;
                });
            }
            for (Future<Integer> f : pool.invokeAll(sweepers)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> bookingIds.stream()
                .allMatch(b -> count("SELECT count(*) FROM attendance_revision WHERE booking_id = :b", b) >= 1));
        for (String b : bookingIds) {
            assertThat(count("SELECT count(*) FROM attendance_revision WHERE booking_id = :b", b)).isEqualTo(1);
            assertThat(count("""
                    SELECT count(*) FROM outbox WHERE event_type = 'SessionMissed'
                      AND position(convert_to(:b, 'UTF8') in payload) > 0""", b)).isEqualTo(1);
        }
    }

    long count(String sql, String bookingId) {
        return jdbc.sql(sql).param("b", bookingId).query(Long.class).single();
    }
}
