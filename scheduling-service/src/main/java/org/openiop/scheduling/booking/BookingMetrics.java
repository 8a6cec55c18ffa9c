package org.openiop.scheduling.booking;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Bookings per minute for operators ({@code iop.scheduling.bookings}, tag {@code outcome} = booked or refused). A
 * booking counts once its transaction commits, so a series booking rolled back as a whole is not counted. No client or
 * program ids in the tags.
 */
@Component
class BookingMetrics {

    private final Counter booked;
    private final Counter refused;

    BookingMetrics(MeterRegistry meters) {
        this.booked = Counter.builder("iop.scheduling.bookings").tag("outcome", "booked")
                .description("Bookings made (committed) or refused by a scheduling rule").register(meters);
        this.refused = Counter.builder("iop.scheduling.bookings").tag("outcome", "refused")
                .description("Bookings made (committed) or refused by a scheduling rule").register(meters);
    }

    void booked() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            booked.increment();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                booked.increment();
            }
        });
    }

    void refused() {
        refused.increment();
    }
}
