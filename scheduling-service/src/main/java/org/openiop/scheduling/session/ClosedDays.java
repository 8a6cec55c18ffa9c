package org.openiop.scheduling.session;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Whether a program is closed on a day. Implemented by the {@code closure} package, which depends on this one (a
 * closure cancels the sessions it covers): declared here so that {@code session} does not depend back on it.
 */
public interface ClosedDays {

    boolean closed(UUID programId, LocalDate day);
}
