package org.openiop.backbone.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers, for a few minutes, that a presented password matched a stored hash, so a caller sending the same HTTP
 * Basic credentials on every request pays bcrypt once, not per request (bcrypt was 39% of the scheduling service's CPU
 * under the booking benchmark). The idea of Apache httpd's mod_authn_socache; Spring Security has no such cache.
 *
 * <ul>
 * <li>Only successes are remembered: a wrong password always takes the full bcrypt check, so guessing is not made
 * cheaper.</li>
 * <li>The key is an HMAC of password and stored hash under a key made at start and never stored: the cache holds no
 * password, and a changed hash (a new password) never matches an old entry.</li>
 * <li>Bounded in size and time: at most {@value #MAX_ENTRIES} entries, each forgotten {@link #REMEMBER} after it was
 * verified.</li>
 * </ul>
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

    static final int MAX_ENTRIES = 10_000;
    static final Duration REMEMBER = Duration.ofMinutes(5);

    private final PasswordEncoder delegate;
    private final SecretKeySpec key;
    private final Cache<String, Boolean> verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES)
            .expireAfterWrite(REMEMBER).build();

    RememberingPasswordEncoder(PasswordEncoder delegate) {
        this.delegate = delegate;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String fingerprint = fingerprint(rawPassword, encodedPassword);
        if (verified.getIfPresent(fingerprint) != null) {
            return true;
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.put(fingerprint, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** How many successful checks are remembered now (for the test). */
    long remembered() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
