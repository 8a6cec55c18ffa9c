package org.openiop.scheduling.waitlist;

import java.time.Clock;
import java.util.List;

import org.openiop.scheduling.sweep.BatchSweep;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases holds whose time is up and offers each seat to the next waiting client. Safe on several instances: holds
 * are claimed with SKIP LOCKED, and releasing one is a status change the seat counter follows exactly once.
 */
@Component
class HoldExpirySweep {

    private final WaitlistRepository waitlist;
    private final WaitlistService service;
    private final BatchSweep batches;
    private final Clock clock;

    HoldExpirySweep(WaitlistRepository waitlist, WaitlistService service, TransactionTemplate transactions,
            WaitlistProperties settings, Clock clock) {
        this.waitlist = waitlist;
        this.service = service;
        this.batches = new BatchSweep(transactions, settings.batchSize());
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${scheduling.waitlist.sweep-every:30s}",
            initialDelayString = "${scheduling.waitlist.sweep-every:30s}")
    void sweep() {
        batches.run(this::claim, service::expire);
    }

    /** One batch in one transaction; returns how many holds it released. */
    int sweepOnce() {
        return batches.once(this::claim, service::expire);
    }

    private List<WaitlistEntry> claim(int limit) {
        return waitlist.claimExpiredHolds(clock.instant(), limit);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(WaitlistProperties.class)
    static class Setup {
    }
}
