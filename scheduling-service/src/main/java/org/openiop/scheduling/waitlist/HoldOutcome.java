package org.openiop.scheduling.waitlist;

/** How a hold on a seat ended; the events' Avro outcome is derived in {@link HoldNotices}. */
enum HoldOutcome {
    BOOKED,
    DECLINED,
    EXPIRED,
    REMOVED,
    NOT_BOOKABLE
}
