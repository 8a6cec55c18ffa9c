package org.openiop.notification.delivery;

import java.util.Optional;

/**
 * The link to a client's own page that client messages carry. Declared here and implemented by the package that
 * issues the links ({@code clientlink}), which uses this one.
 */
public interface ClientPages {

    /** The link a message to this client carries; empty when the client can have none. */
    Optional<String> pageFor(String clientId);
}
