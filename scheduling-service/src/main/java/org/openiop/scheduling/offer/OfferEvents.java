package org.openiop.scheduling.offer;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.openiop.events.MakeupOfferAccepted;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOfferWithdrawn;
import org.openiop.events.MakeupOffered;
import org.openiop.events.OfferOption;
import org.openiop.events.OfferSession;
import org.springframework.stereotype.Component;

/** The offer's events: identifiers and times only, never a name or what the sessions are about. */
@Component
class OfferEvents {

    private final Clock clock;

    OfferEvents(Clock clock) {
        this.clock = clock;
    }

    MakeupOffered offered(MakeupOffer offer, String timeZone) {
        return MakeupOffered.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setClientId(offer.clientId().toString()).setProgramId(offer.programId().toString())
                .setOfferId(offer.id().toString()).setWeekStart(offer.weekStart()).setTimeZone(timeZone)
                .setOptions(offer.options().stream().map(o -> OfferOption.newBuilder().setNumber(o.number())
                        .setSessions(o.sessions().stream().map(s -> OfferSession.newBuilder()
                                .setSessionId(s.sessionId().toString()).setStartsAt(millis(s.startsAt()))
                                .setEndsAt(millis(s.endsAt())).build()).toList())
                        .build()).toList())
                .setExpiresAt(millis(offer.expiresAt())).setOfferedBy(offer.offeredBy()).build();
    }

    MakeupOfferAccepted accepted(MakeupOffer offer, int option, List<UUID> bookingIds) {
        return MakeupOfferAccepted.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setClientId(offer.clientId().toString()).setProgramId(offer.programId().toString())
                .setOfferId(offer.id().toString()).setOptionNumber(option)
                .setBookingIds(bookingIds.stream().map(UUID::toString).toList()).build();
    }

    MakeupOfferExpired expired(MakeupOffer offer, List<Integer> options, ExpiryReason reason,
            List<Integer> remaining) {
        return MakeupOfferExpired.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setClientId(offer.clientId().toString()).setProgramId(offer.programId().toString())
                .setOfferId(offer.id().toString()).setOptionNumbers(options).setReason(event(reason))
                .setRemainingOptions(remaining).build();
    }

    MakeupOfferWithdrawn withdrawn(MakeupOffer offer, String by) {
        return MakeupOfferWithdrawn.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setClientId(offer.clientId().toString()).setProgramId(offer.programId().toString())
                .setOfferId(offer.id().toString()).setWithdrawnBy(by).build();
    }

    /** Exhaustive, so a reason added on either side stops the build here. */
    static org.openiop.events.OfferExpiryReason event(ExpiryReason reason) {
        return switch (reason) {
            case STARTED -> org.openiop.events.OfferExpiryReason.STARTED;
            case SEAT_TAKEN -> org.openiop.events.OfferExpiryReason.SEAT_TAKEN;
            case NOT_BOOKABLE -> org.openiop.events.OfferExpiryReason.NOT_BOOKABLE;
        };
    }

    private java.time.Instant now() {
        return millis(clock.instant());
    }

    private static java.time.Instant millis(java.time.Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
