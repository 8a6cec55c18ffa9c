package org.openiop.notification.clientlink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openiop.backbone.security.ClientLinkPrincipal;
import org.openiop.backbone.security.ClientLinkVerifier;
import org.openiop.notification.delivery.ClientPages;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, checks and revokes clients' signed links. A token is 98 URL-safe characters (short enough for an SMS):
 * base64url of version (1 byte), link id (16), client id (16), expiry in epoch seconds (8) and an HMAC-SHA256 of
 * those 41 bytes (32). The signature proves the link was issued here and names its client; the {@code client_link}
 * row is what allows revoking it, so every request checks both.
 */
@Service
@EnableConfigurationProperties(ClientLinkProperties.class)
class ClientLinks implements ClientLinkVerifier, ClientPages {

    static final String LOCAL_SECRET = "local-only-client-link-secret, never used outside local and test";
    static final String REMINDERS = "reminders";
    private static final byte VERSION = 1;
    private static final int SIGNED_LENGTH = 1 + 16 + 16 + 8;
    private static final int MAC_LENGTH = 32;

    private final ClientLinkRepository links;
    private final Clock clock;
    private final ClientLinkProperties properties;
    private final SecretKeySpec key;

    ClientLinks(ClientLinkRepository links, Clock clock, ClientLinkProperties properties, Environment environment) {
        this.links = links;
        this.clock = clock;
        this.properties = properties;
        byte[] secret = properties.secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("iop.notification.client-links.secret must be at least 32 bytes");
        }
        if (LOCAL_SECRET.equals(properties.secret()) && !environment.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("Set iop.notification.client-links.secret (IOP_CLIENT_LINK_SECRET): the "
                    + "built-in client-link secret is for the 'local' profile only.");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** A new link for a client, valid for the configured lifetime. */
    @Transactional
    public IssuedLink issue(UUID clientId, String issuedBy) {
        Instant now = clock.instant();
        UUID linkId = UUID.randomUUID();
        Instant expiresAt = now.plus(properties.lifetime()).truncatedTo(ChronoUnit.SECONDS);
        links.insert(linkId, clientId.toString(), now, expiresAt, issuedBy);
        return issued(linkId, clientId, expiresAt);
    }

    /**
     * The link a message to this client carries: the newest live reminder link with at least half its lifetime
     * left, else a new one (so one client's messages share a few links, not one each). Empty for a client id that
     * is not a UUID (never issued by scheduling-service).
     */
    @Override
    @Transactional
    public Optional<String> pageFor(String clientId) {
        UUID client;
        try {
            client = UUID.fromString(clientId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Instant freshUntil = clock.instant().plus(properties.lifetime().dividedBy(2));
        Optional<IssuedLink> reusable = links.newestLive(clientId, REMINDERS, freshUntil)
                .map(live -> issued(live.linkId(), client, live.expiresAt()));
        return Optional.of(reusable.orElseGet(() -> issue(client, REMINDERS)).url());
    }

    /** Revokes every live link of a client; returns how many. */
    @Transactional
    public int revokeAll(String clientId, String revokedBy) {
        return links.revokeAll(clientId, revokedBy, clock.instant());
    }

    @Override
    public ClientLinkPrincipal verify(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("client link is not base64url");
        }
        // canonical form only: base64 decoders ignore a last character's spare bits, so two spellings could pass
        if (raw.length != SIGNED_LENGTH + MAC_LENGTH || raw[0] != VERSION
                || !Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(token)) {
            throw new BadCredentialsException("client link has the wrong form");
        }
        ByteBuffer signed = ByteBuffer.wrap(raw, 0, SIGNED_LENGTH);
        byte[] mac = new byte[MAC_LENGTH];
        System.arraycopy(raw, SIGNED_LENGTH, mac, 0, MAC_LENGTH);
        if (!MessageDigest.isEqual(mac, mac(raw, SIGNED_LENGTH))) {
            throw new BadCredentialsException("client link signature does not match");
        }
        signed.get();
        UUID linkId = new UUID(signed.getLong(), signed.getLong());
        UUID clientId = new UUID(signed.getLong(), signed.getLong());
        Instant expiresAt = Instant.ofEpochSecond(signed.getLong());
        if (!clock.instant().isBefore(expiresAt)) {
            throw new CredentialsExpiredException("client link expired");
        }
        boolean live = links.live(linkId, clientId);
        if (!live) {
            throw new BadCredentialsException("client link revoked or unknown");
        }
        return new ClientLinkPrincipal(linkId.toString(), clientId.toString());
    }

    private IssuedLink issued(UUID linkId, UUID clientId, Instant expiresAt) {
        ByteBuffer buffer = ByteBuffer.allocate(SIGNED_LENGTH + MAC_LENGTH);
        buffer.put(VERSION).putLong(linkId.getMostSignificantBits()).putLong(linkId.getLeastSignificantBits())
                .putLong(clientId.getMostSignificantBits()).putLong(clientId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond());
        buffer.put(mac(buffer.array(), SIGNED_LENGTH));
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
        String base = properties.pageUrl().endsWith("/") ? properties.pageUrl() : properties.pageUrl() + "/";
        return new IssuedLink(linkId.toString(), clientId.toString(), base + "c/" + token, token, expiresAt);
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            hmac.update(data, 0, length);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
