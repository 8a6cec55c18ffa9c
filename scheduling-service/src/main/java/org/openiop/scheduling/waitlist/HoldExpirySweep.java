package org.openiop.scheduling.waitlist;

import java.time.Clock;
import java.util.List;

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
    private final TransactionTemplate transactions;
    private final WaitlistProperties settings;
    private final Clock clock;

    HoldExpirySweep(WaitlistRepository waitlist, WaitlistService service, TransactionTemplate transactions,
            WaitlistProperties settings, Clock clock) {
        this.waitlist = waitlist;
        this.service = service;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${scheduling.waitlist.sweep-every:30s}",
            initialDelayString = "${scheduling.waitlist.sweep-every:30s}")
    void sweep() {
        int expired;
        do {
            expired = sweepOnce();
        } while (expired == settings.batchSize());
    }

    /** One batch in one transaction; returns how many holds it released. */
    int sweepOnce() {
        Integer released = transactions.execute(status -> {
            List<WaitlistEntry> due = waitlist.claimExpiredHolds(clock.instant(), settings.batchSize());
            due.forEach(service::expire);
            return due.size();
        });
        return released == null ? 0 : released;
    }

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(WaitlistProperties.class)
    static class Setup {
    }
}
