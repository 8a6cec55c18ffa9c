package org.openiop.attendance.compliance;

import java.time.Clock;
import java.util.List;

import org.openiop.attendance.compliance.ComplianceRepository.ClientWeek;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Closes weeks whose grace for late entries has passed: a short week becomes BELOW_MINIMUM (or STEP_DOWN) and the
 * change is announced. Weeks of an enrolment in which nothing was booked are judged and announced the same way. Safe on several instances: each week is judged under its client's lock (the same one the
 * projection takes), and a status is announced only when it differs from the last announcement, so two instances
 * closing the same week announce it once.
 */
@Component
class WeekCloser {

    private static final int BATCH = 500;

    private final ComplianceProjection projection;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WeekCloser(ComplianceProjection projection, TransactionTemplate transactions, Clock clock) {
        this.projection = projection;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${attendance.compliance.close-check-every:1m}",
            initialDelayString = "${attendance.compliance.close-check-every:1m}")
    void closeDueWeeks() {
        for (ClientWeek week : projection.dueToClose(clock.instant(), BATCH)) {
            transactions.executeWithoutResult(status -> projection.close(week));
        }
        // Weeks of an enrolment without any booking are judged too, oldest first, once they close.
        // Found in a transaction of its own, so the query runs without JIT compilation (it cost more than the query).
        List<ClientWeek> unjudged = transactions.execute(
                status -> projection.unjudgedClosedWeeks(clock.instant(), BATCH));
        for (ClientWeek week : unjudged) {
            transactions.executeWithoutResult(status -> projection.close(week));
        }
    }
}
