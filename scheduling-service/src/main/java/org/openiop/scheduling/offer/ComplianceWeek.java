package org.openiop.scheduling.offer;

import java.time.LocalDate;
import java.util.UUID;

/**
 * attendance-service's announcement of a client-week as the automatic offer rule reads it, translated once from the
 * event by {@link ComplianceListener}.
 */
record ComplianceWeek(UUID clientId, UUID programId, LocalDate weekStart, boolean turnedAtRisk, int attendedMinutes,
        int scheduledRemainingMinutes) {
}
