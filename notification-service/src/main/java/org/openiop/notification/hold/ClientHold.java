package org.openiop.notification.hold;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A seat held for the client as their page shows it: when, where, and until when they may answer, in their own zone;
 * never what the appointment is about. {@code status}: HELD, PENDING (their answer is being applied), BOOKED,
 * DECLINED, EXPIRED, REMOVED or NOT_BOOKABLE.
 */
record ClientHold(String entryId, String status, String answer, LocalDate date, LocalTime startTime,
        LocalTime endTime, Instant startsAt, Instant heldUntil, LocalDate untilDate, LocalTime untilTime,
        String timeZone, String place) {
}
