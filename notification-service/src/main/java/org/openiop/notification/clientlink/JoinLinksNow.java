package org.openiop.notification.clientlink;

import java.time.Instant;
import java.util.Optional;

/**
 * A video session's "Join online" link as the client's page shows it. Declared here and implemented by the package
 * that makes the links ({@code telehealth}), which uses this one for the page's address.
 */
public interface JoinLinksNow {

    /** The link only from the join window before the start until the end; empty otherwise or for in-person ones. */
    Optional<String> openNow(String bookingId, Instant startsAt, Instant endsAt);
}
