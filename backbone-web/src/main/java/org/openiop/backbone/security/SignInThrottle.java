package org.openiop.backbone.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.openiop.backbone.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password guessing is slowed per user name and per client address: after {@code free-failures} wrong passwords in a
 * row for a user ({@code address-free-failures} from one address) each further one locks it for a doubling time, from
 * {@code initial-lock} up to {@code max-lock}. While locked, even the right password is refused with a clear message
 * and the time to wait. A success clears the user's count (not the address's, so one known account does not reset a
 * spray); failures older than {@code max-lock} are forgotten. Each lock is audited. Counts live in PostgreSQL (table
 * {@code sign_in_failure} in the service's schema), so every instance of a service sees the same locks and a restart
 * does not lift them; entries nobody has failed on for {@code max-lock} are pruned.
 */
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);
    private static final int PRUNE_EVERY = 100;

    private final SignInThrottleProperties properties;
    private final AuditTrail audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicInteger sincePrune = new AtomicInteger();

    public SignInThrottle(SignInThrottleProperties properties, AuditTrail audit, JdbcClient jdbc, Clock clock) {
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long the user or address must still wait, if either is locked. */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        List<String> keys = new ArrayList<>(2);
        for (String key : new String[] { userKey(username), addressKey(address) }) {
            if (key != null) {
                keys.add(key);
            }
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Optional<OffsetDateTime> until = jdbc.sql("""
                SELECT locked_until FROM sign_in_failure WHERE throttle_key IN (:keys) AND locked_until > :now
                ORDER BY locked_until DESC LIMIT 1""")
                .param("keys", keys).param("now", utc(now)).query(OffsetDateTime.class).optional();
        return until.map(u -> Duration.between(now, u.toInstant())).filter(d -> !d.isNegative() && !d.isZero());
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String address = address(event.getAuthentication().getDetails());
        if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
            sincePrune.set(0);
            prune();
        }
        fail(userKey(username), username, address);
        fail(addressKey(address), username, address);
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        String key = userKey(event.getAuthentication().getName());
        if (key != null) {
            jdbc.sql("DELETE FROM sign_in_failure WHERE throttle_key = :k").param("k", key).update();
        }
    }

    private void fail(String key, String username, String address) {
        if (key == null) {
            return;
        }
        Instant now = clock.instant();
        // one statement, so two instances counting the same key at once never lose a failure
        int count = jdbc.sql("""
                INSERT INTO sign_in_failure AS f (throttle_key, failures, last_failure_at) VALUES (:k, 1, :now)
                ON CONFLICT (throttle_key) DO UPDATE SET
                    failures = CASE WHEN f.last_failure_at < :forgetBefore THEN 1 ELSE f.failures + 1 END,
                    last_failure_at = excluded.last_failure_at
                RETURNING failures""")
                .param("k", key).param("now", utc(now)).param("forgetBefore", utc(now.minus(properties.maxLock())))
                .query(Integer.class).single();
        int free = key.startsWith("user:") ? properties.freeFailures() : properties.addressFreeFailures();
        if (count <= free) {
            return;
        }
        int doublings = Math.min(count - free - 1, 20);
        Duration lock = properties.initialLock().multipliedBy(1L << doublings);
        Instant lockedUntil = now.plus(lock.compareTo(properties.maxLock()) > 0 ? properties.maxLock() : lock);
        jdbc.sql("UPDATE sign_in_failure SET locked_until = greatest(locked_until, :until) WHERE throttle_key = :k")
                .param("k", key).param("until", utc(lockedUntil)).update();
        long seconds = Math.max(1, Duration.between(now, lockedUntil).toSeconds());
        log.warn("Sign-in locked for {} s after {} failures ({})", seconds, count,
                key.startsWith("user:") ? "per user" : "per address");
        audit.record("SIGN_IN_LOCKED", "sign-in", null, (key.startsWith("user:") ? "user " : "address ")
                + key.substring(key.indexOf(':') + 1) + " locked " + seconds + " s after " + count
                + " failed sign-ins (user " + username + ", from " + address + ")");
    }

    private void prune() {
        OffsetDateTime horizon = utc(clock.instant().minus(properties.maxLock()));
        jdbc.sql("""
                DELETE FROM sign_in_failure WHERE last_failure_at < :h AND (locked_until IS NULL OR locked_until < :h)""")
                .param("h", horizon).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
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
}
