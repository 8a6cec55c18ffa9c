package org.openiop.attendance.booking;

import java.time.Instant;

/**
 * In-process event: a session's modality as its newest SessionScheduled announced it. Published by the booking
 * listener inside the inbox transaction and handled synchronously by telehealth (same thread, same transaction), so
 * booking needs nothing of telehealth (which reads bookings): no package cycle.
 */
public record SessionModalityNoted(String sessionId, Modality modality, Instant occurredAt) {
}
