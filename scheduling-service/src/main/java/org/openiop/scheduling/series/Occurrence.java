package org.openiop.scheduling.series;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What happened (or, in a preview, would happen) to one day of a series.
 *
 * @param outcome             BOOKED, BOOKABLE (preview), SKIPPED (program closed), REFUSED (a rule said no),
 *                            KEPT (unchanged by a frequency change) or CANCELLED
 * @param code                the rule behind SKIPPED / REFUSED, as in problem documents (e.g. session-full)
 * @param conflictingSeriesId another series of the same client that already holds this time
 */
record Occurrence(LocalDate date, Instant startsAt, Instant endsAt, String outcome, String code,
        String detail, UUID sessionId, UUID bookingId, UUID conflictingSeriesId) {

    public boolean refused() {
        return "REFUSED".equals(outcome) || "SKIPPED".equals(outcome);
    }
}
