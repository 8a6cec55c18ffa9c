package org.openiop.scheduling.offer;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.openiop.scheduling.sweep.BatchSweep;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Expires options whose first session has started, and offers with them once none is left, like the waitlist's hold
 * sweep. Safe on several instances: offers are claimed with SKIP LOCKED.
 */
@Component
class OfferExpirySweep {

    private final OfferRepository offers;
    private final OfferService service;
    private final BatchSweep batches;
    private final Clock clock;

    OfferExpirySweep(OfferRepository offers, OfferService service, TransactionTemplate transactions,
            OfferProperties settings, Clock clock) {
        this.offers = offers;
        this.service = service;
        this.batches = new BatchSweep(transactions, settings.batchSize());
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${scheduling.offers.sweep-every:30s}",
            initialDelayString = "${scheduling.offers.sweep-every:30s}")
    void sweep() {
        batches.run(this::claim, service::expireStarted);
    }

    /** One batch in one transaction; returns how many offers it looked at. */
    int sweepOnce() {
        return batches.once(this::claim, service::expireStarted);
    }

    private List<UUID> claim(int limit) {
        return offers.claimDue(clock.instant(), limit);
    }

    /**
     * @param sweepEvery how often options whose session has started are expired
     * @param batchSize  offers per sweep transaction
     */
    @ConfigurationProperties("scheduling.offers")
    record OfferProperties(@DefaultValue("30s") java.time.Duration sweepEvery, @DefaultValue("100") int batchSize) {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OfferProperties.class)
    static class Setup {
    }
}
