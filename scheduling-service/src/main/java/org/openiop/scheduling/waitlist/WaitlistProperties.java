package org.openiop.scheduling.waitlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param hold       how long a freed seat is held for the next waiting client (never past the session's start)
 * @param sweepEvery how often expired holds are released to the next client
 */
@ConfigurationProperties("scheduling.waitlist")
record WaitlistProperties(@DefaultValue("2h") Duration hold, @DefaultValue("30s") Duration sweepEvery,
        @DefaultValue("100") int batchSize) {
}
