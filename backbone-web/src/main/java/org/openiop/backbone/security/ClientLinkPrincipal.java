package org.openiop.backbone.security;

import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who is calling with a client's signed link: the link and the client it was issued for. Its name,
 * {@code client-link:<linkId>}, is what the audit trail records as the actor, so every access can be traced to the
 * one link used (and that link revoked).
 */
public record ClientLinkPrincipal(String linkId, String clientId) implements AuthenticatedPrincipal {

    public static final String ACTOR_PREFIX = "client-link:";

    @Override
    public String getName() {
        return ACTOR_PREFIX + linkId;
    }
}
