package org.openiop.notification.offer;

import java.util.List;

/** Options of an offer no longer available (MakeupOfferExpired, read at the edge), and those still open. */
record OfferExpiry(String offerId, String clientId, List<Integer> optionNumbers, List<Integer> remainingOptions,
        Reason reason) {

    /** Why: the session started, the seat was taken, or the option can no longer be booked. */
    enum Reason {
        STARTED, SEAT_TAKEN, NOT_BOOKABLE
    }
}
