package org.openiop.backbone.telehealth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The two per-booking values of a telehealth seat, derived from the booking id with a key shared by the services
 * that need them (ADR 0011), so neither has to travel in an event:
 * <ul>
 * <li>the <b>join code</b>: 35 URL-safe characters (booking id + 10-byte HMAC) in the client's "Join online" link
 * {@code <front door>/j/<code>}; scheduling-service checks it and answers with the session's meeting link;</li>
 * <li>the <b>join tag</b>: 8 characters shown as the client's display name in the meeting; attendance-service
 * matches video-platform participants to bookings by it (never by name).</li>
 * </ul>
 * Both carry identifiers only, like the events. The key is {@code iop.telehealth.join-secret} (env
 * {@code IOP_TELEHEALTH_JOIN_SECRET}, at least 32 bytes); the built-in one works only in the local and test profiles.
 */
public final class JoinKeys {

    public static final String PROPERTY = "iop.telehealth.join-secret";
    private static final String LOCAL_SECRET = "openiop-local-telehealth-join-secret-not-for-production";
    private static final String TAG_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int CODE_MAC_BYTES = 10;

    private final SecretKeySpec key;

    public JoinKeys(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** The key from the environment; outside the local and test profiles a missing key stops the service. */
    public static JoinKeys from(Environment environment) {
        String secret = environment.getProperty(PROPERTY, "");
        if (secret.isBlank()) {
            if (!environment.acceptsProfiles(Profiles.of("local", "test"))) {
                throw new IllegalStateException(PROPERTY + " (IOP_TELEHEALTH_JOIN_SECRET) is required outside the "
                        + "local and test profiles");
            }
            secret = LOCAL_SECRET;
        }
        return new JoinKeys(secret.getBytes(StandardCharsets.UTF_8));
    }

    public String code(UUID bookingId) {
        byte[] id = bytes(bookingId);
        byte[] out = ByteBuffer.allocate(16 + CODE_MAC_BYTES).put(id)
                .put(Arrays.copyOf(mac("code", id), CODE_MAC_BYTES)).array();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The booking a join code was issued for, if the code is genuine (canonical spelling, right MAC). */
    public Optional<UUID> bookingOf(String code) {
        if (code == null || code.length() != 35 || !code.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(code);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] id = Arrays.copyOf(raw, 16);
        byte[] expected = Arrays.copyOf(mac("code", id), CODE_MAC_BYTES);
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, 16, raw.length))
                || !code.equals(Base64.getUrlEncoder().withoutPadding().encodeToString(raw))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(id);
        return Optional.of(new UUID(b.getLong(), b.getLong()));
    }

    /** 8 characters of an unambiguous alphabet (40 bits): short enough to read, long enough not to collide. */
    public String tag(UUID bookingId) {
        byte[] mac = mac("tag", bytes(bookingId));
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (mac[i] & 0xff);
        }
        char[] tag = new char[8];
        for (int i = 7; i >= 0; i--) {
            tag[i] = TAG_ALPHABET.charAt((int) (bits & 31));
            bits >>>= 5;
        }
        return new String(tag);
    }

    private byte[] mac(String purpose, byte[] id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
