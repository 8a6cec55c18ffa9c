package org.openiop.scheduling.offer;

/** Why offered options closed before the client chose them; the events' Avro reason is derived in {@link OfferEvents}. */
enum ExpiryReason {
    STARTED,
    SEAT_TAKEN,
    NOT_BOOKABLE
}
