package org.openiop.notification.delivery;

/**
 * A message's life: PLANNED (waiting for its time, or for a retry), SENDING (claimed by a worker), then SENT, FAILED
 * (permanently, or out of attempts), SKIPPED (no consent, no address, opted out, too late) or DROPPED (no longer
 * wanted: booking cancelled or moved, channel no longer preferred).
 */
enum DeliveryStatus {
    PLANNED, SENDING, SENT, FAILED, SKIPPED, DROPPED
}
