package org.openiop.notification.clientlink;

import java.time.Instant;

/**
 * A link just issued to a client: {@code url} is what staff send or a message carries; {@code token} is its last
 * path segment.
 */
record IssuedLink(String linkId, String clientId, String url, String token, Instant expiresAt) {
}
