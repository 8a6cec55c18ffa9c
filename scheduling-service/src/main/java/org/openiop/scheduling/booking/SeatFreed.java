package org.openiop.scheduling.booking;

import java.util.UUID;

/**
 * Published inside the transaction that freed a seat (cancellation, a move away, discharge, closure), so the waitlist
 * can hold it for the next waiting client before the transaction commits.
 */
public record SeatFreed(UUID sessionId, UUID clientId) {
}
