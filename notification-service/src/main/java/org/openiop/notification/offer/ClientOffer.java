package org.openiop.notification.offer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * An offer as the client's page shows it: times and the place only, in the client's zone; never what the appointment
 * is about. {@code status}: OPEN, PENDING (their choice is being booked), ACCEPTED or EXPIRED; {@code lastRefusal}:
 * SEAT_TAKEN or NOT_BOOKABLE when their last choice could not be booked.
 */
record ClientOffer(String offerId, String status, Integer chosenOption, String lastRefusal, Instant expiresAt,
        String timeZone, String place, List<Option> options) {

    public record Option(int number, String status, List<Slot> times) {
    }

    public record Slot(LocalDate date, LocalTime startTime, LocalTime endTime, Instant startsAt, Instant endsAt) {
    }
}
