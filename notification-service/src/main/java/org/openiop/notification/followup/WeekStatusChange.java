package org.openiop.notification.followup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A client-week's compliance status as attendance announced it (WeeklyComplianceChanged, read at the edge).
 *
 * @param previousStatus what the event says came before; null for a week new to attendance's projection
 */
record WeekStatusChange(String clientId, String programId, LocalDate weekStart, String status, String previousStatus,
        int attendedMinutes, int remainingMinutes, int minimumMinutes, Instant occurredAt) {
}
