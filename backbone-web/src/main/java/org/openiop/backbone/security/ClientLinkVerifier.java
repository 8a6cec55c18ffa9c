package org.openiop.backbone.security;

import org.springframework.security.core.AuthenticationException;

/**
 * The service that issues client links checks their tokens (signature, expiry, revocation). A service that declares
 * a bean of this type accepts client links: a request carrying a token in the {@value #HEADER} header (or, for a
 * calendar feed, the {@value #PARAMETER} query parameter of a GET to a {@code .ics} URL, as calendar apps cannot send
 * headers) is authenticated as {@code ROLE_CLIENT} with a {@link ClientLinkPrincipal}. A service without one ignores
 * both.
 */
@FunctionalInterface
public interface ClientLinkVerifier {

    String HEADER = "X-Client-Link";
    String PARAMETER = "link";

    /**
     * @return the link's principal
     * @throws AuthenticationException when the token is malformed, tampered with, expired or revoked (the caller gets
     *                                 401 problem+json)
     */
    ClientLinkPrincipal verify(String token) throws AuthenticationException;
}
