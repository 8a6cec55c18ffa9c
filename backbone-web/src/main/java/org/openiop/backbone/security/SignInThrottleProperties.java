package org.openiop.backbone.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in throttling (prefix {@code iop.security.sign-in}).
 *
 * @param freeFailures        failed sign-ins in a row for one user name before each further one locks it
 * @param addressFreeFailures failed sign-ins from one address (any user names) before each further one locks it
 * @param initialLock  the first lock; each further failure doubles it
 * @param maxLock      the longest lock; failures older than this are forgotten
 */
@ConfigurationProperties("iop.security.sign-in")
public record SignInThrottleProperties(@DefaultValue("5") int freeFailures,
        @DefaultValue("20") int addressFreeFailures,
        @DefaultValue("2s") Duration initialLock, @DefaultValue("15m") Duration maxLock) {
}
