package org.openiop.scheduling.booking;

import java.util.UUID;

/**
 * Whether a client is known to scheduling, asked before a booking. Implemented by the {@code enrolment} package,
 * which depends on this one (a discharge cancels later seats): declared here so that {@code booking} does not depend
 * back on it.
 */
public interface EnrolledClients {

    /** 404 (on {@code field}) when the client was never enrolled. */
    void requireKnown(UUID clientId, String field);
}
