package org.openiop.backbone.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.openiop.backbone.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password guessing is slowed per user name and per client address: after {@code free-failures} wrong passwords in a
 * row for a user ({@code address-free-failures} from one address) each further one locks it for a doubling time, from {@code initial-lock} up to
 * {@code max-lock}. While locked, even the right password is refused with a clear message and the time to wait.
 * A success clears the user's count (not the address's, so one known account does not reset a spray); failures
 * older than {@code max-lock} are forgotten. Each lock is audited. Counts live in memory: each instance throttles
 * what it sees, which bounds guessing per instance; the table is pruned so it cannot grow without bound.
 */
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int MAX_TRACKED = 100_000;

    private final SignInThrottleProperties properties;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public SignInThrottle(SignInThrottleProperties properties, AuditTrail audit, Clock clock) {
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** How long the user or address must still wait, if either is locked. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] { userKey(username), addressKey(address) }) {
            Failures f = key == null ? null : failures.get(key);
            if (f != null && f.lockedUntil.isAfter(now)) {
                Duration left = Duration.between(now, f.lockedUntil);
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String address = address(event.getAuthentication().getDetails());
        if (failures.size() > MAX_TRACKED) {
            prune();
        }
        fail(userKey(username), username, address);
        fail(addressKey(address), username, address);
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        String key = userKey(event.getAuthentication().getName());
        if (key != null) {
            failures.remove(key);
        }
    }

    private void fail(String key, String username, String address) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        Failures updated = failures.compute(key, (k, f) -> {
            int count = f == null || Duration.between(f.last, now).compareTo(properties.maxLock()) > 0 ? 1 : f.count + 1;
            Instant lockedUntil = f == null ? Instant.MIN : f.lockedUntil;
            int free = k.startsWith("user:") ? properties.freeFailures() : properties.addressFreeFailures();
            if (count > free) {
                int doublings = Math.min(count - free - 1, 20);
                Duration lock = properties.initialLock().multipliedBy(1L << doublings);
                lockedUntil = now.plus(lock.compareTo(properties.maxLock()) > 0 ? properties.maxLock() : lock);
            }
            return new Failures(count, now, lockedUntil);
        });
        if (updated.lockedUntil.isAfter(now)) {
            long seconds = Math.max(1, Duration.between(now, updated.lockedUntil).toSeconds());
            log.warn("Sign-in locked for {} s after {} failures ({})", seconds, updated.count,
                    key.startsWith("user:") ? "per user" : "per address");
            audit.record("SIGN_IN_LOCKED", "sign-in", null, (key.startsWith("user:") ? "user " : "address ")
                    + key.substring(key.indexOf(':') + 1) + " locked " + seconds + " s after " + updated.count
                    + " failed sign-ins (user " + username + ", from " + address + ")");
        }
    }

    private void prune() {
        Instant horizon = clock.instant().minus(properties.maxLock());
        failures.values().removeIf(f -> f.last.isBefore(horizon) && f.lockedUntil.isBefore(horizon));
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "user:" + username.strip().toLowerCase();
    }

    private static String addressKey(String address) {
        return address == null ? null : "addr:" + address;
    }

    private static String address(Object details) {
        return details instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : null;
    }

    /** The message a locked caller reads. */
    public static String message(Duration wait) {
        return "Too many failed sign-ins. Try again in " + Math.max(1, wait.toSeconds()) + " seconds.";
    }

    private record Failures(int count, Instant last, Instant lockedUntil) {
    }
}
