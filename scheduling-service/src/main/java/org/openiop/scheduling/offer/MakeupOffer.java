package org.openiop.scheduling.offer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An offer as staff see it: its options in the order offered, each with its state and (once booked) bookings. */
record MakeupOffer(UUID id, UUID clientId, UUID programId, LocalDate weekStart, String status,
        Instant expiresAt, Integer acceptedOption, String offeredBy, Instant createdAt, List<OfferedOption> options) {

    public record OfferedOption(int number, String status, Instant expiresAt, int minutes,
            List<OfferedSession> sessions) {

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    public record OfferedSession(UUID sessionId, Instant startsAt, Instant endsAt, UUID bookingId) {
    }

    public OfferedOption option(int number) {
        return options.stream().filter(o -> o.number() == number).findFirst().orElse(null);
    }

    public List<Integer> openOptions() {
        return options.stream().filter(OfferedOption::open).map(OfferedOption::number).toList();
    }
}
