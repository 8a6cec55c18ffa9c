package org.openiop.notification.clientlink;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * One upcoming appointment as the client sees it: when and where, in the client's time zone. Deliberately without
 * the session's type or anything else that would say what the appointment is for.
 *
 * @param id    the booking (for the calendar entry's UID)
 * @param place the program's neutral location label, or null when not known yet
 * @param joinUrl "Join online" for a video session, only from the join window before the start until the end
 */
record Appointment(String id, LocalDate date, LocalTime startTime, LocalTime endTime, Instant startsAt,
        Instant endsAt, String timeZone, String place, String joinUrl) {
}
