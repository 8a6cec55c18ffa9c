package org.openiop.notification.reminder;

import java.time.Instant;
import java.time.ZoneId;

import org.openiop.notification.delivery.NewDelivery;

/**
 * A client's booking as the session events describe it.
 *
 * @param bookedAt    when its current times were booked (reminders due before then become a confirmation)
 * @param revision    increases with every change of times or status (the calendar SEQUENCE)
 * @param lastEventAt when the newest applied event happened; older events arriving late are ignored
 */
record Booking(String bookingId, String clientId, String programId, String sessionId, Instant startsAt,
        Instant endsAt, ZoneId timeZone, boolean cancelled, Instant bookedAt, int revision, Instant lastEventAt) {

    public NewDelivery.SessionFacts facts() {
        return new NewDelivery.SessionFacts(bookingId, clientId, programId, startsAt, endsAt, timeZone.getId(),
                revision);
    }
}
