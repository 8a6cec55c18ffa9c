package org.openiop.notification.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.openiop.events.MakeupOfferChosen;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOffered;

/** The offer package's one translation between scheduling's offer events (Avro) and its own types, both ways. */
final class OfferEvents {

    private OfferEvents() {
    }

    static Offer offered(MakeupOffered e) {
        List<Offer.Option> options = e.getOptions().stream().map(o -> new Offer.Option(o.getNumber(),
                o.getSessions().stream().map(s -> new Offer.Time(s.getSessionId(), s.getStartsAt(), s.getEndsAt()))
                        .toList()))
                .toList();
        return new Offer(e.getOfferId(), e.getClientId(), e.getProgramId(), e.getTimeZone(), e.getExpiresAt(),
                e.getOccurredAt(), options);
    }

    static OfferExpiry expired(MakeupOfferExpired e) {
        return new OfferExpiry(e.getOfferId(), e.getClientId(), List.copyOf(e.getOptionNumbers()),
                List.copyOf(e.getRemainingOptions()), OfferExpiry.Reason.valueOf(e.getReason().name()));
    }

    static MakeupOfferChosen chosen(String clientId, String programId, String offerId, int option, String chosenBy,
            Instant at) {
        return MakeupOfferChosen.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setClientId(clientId).setProgramId(programId).setOfferId(offerId).setOptionNumber(option)
                .setChosenBy(chosenBy).build();
    }
}
