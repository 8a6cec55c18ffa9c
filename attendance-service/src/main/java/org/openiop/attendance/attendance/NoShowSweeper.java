package org.openiop.attendance.attendance;

import java.time.Clock;
import java.util.List;

import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.booking.BookingRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Marks a booking NO_SHOW (automatic) once its session has ended plus the program's grace with nothing recorded.
 * Safe on several instances: each claims due bookings with FOR UPDATE SKIP LOCKED, so two instances never hold the
 * same booking, and the (booking, revision) primary key would refuse a second revision 1 anyway.
 */
@Component
class NoShowSweeper {

    private static final Logger log = LoggerFactory.getLogger(NoShowSweeper.class);

    private final BookingRepository bookings;
    private final AttendanceRecorder recorder;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AttendanceProperties.NoShow settings;

    NoShowSweeper(BookingRepository bookings, AttendanceRecorder recorder, TransactionTemplate transactions, Clock clock,
            AttendanceProperties properties) {
        this.bookings = bookings;
        this.recorder = recorder;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = properties.noShow();
    }

    @Scheduled(fixedDelayString = "${attendance.no-show.sweep-every:30s}", initialDelayString = "${attendance.no-show.sweep-every:30s}")
    void sweep() {
        if (!settings.enabled()) {
            return;
        }
        int marked;
        do {
            marked = sweepOnce();
        } while (marked == settings.batchSize());
    }

    /** One batch in one transaction; returns how many bookings it claimed. */
    int sweepOnce() {
        Integer claimed = transactions.execute(status -> {
            List<Booking> due = bookings.claimDueNoShows(clock.instant(), settings.batchSize());
            int written = 0;
            for (Booking booking : due) {
                if (recorder.noShow(booking)) {
                    written++;
                }
            }
            if (written > 0) {
                log.info("Recorded {} automatic no-shows", written);
            }
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }
}
