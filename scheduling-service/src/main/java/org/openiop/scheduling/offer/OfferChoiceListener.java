package org.openiop.scheduling.offer;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.MakeupOfferChosen;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The client's choice, made on their page (notification-service verifies their link), comes back on the offers topic;
 * it is applied once (the inbox) in the same transaction as the booking. Scheduling's own offer events on the topic
 * are not for it.
 */
@Component
class OfferChoiceListener {

    private final EventInbox inbox;
    private final OfferService offers;

    OfferChoiceListener(EventInbox inbox, OfferService offers) {
        this.inbox = inbox;
        this.offers = offers;
    }

    @KafkaListener(topics = "#{@topics.of(T(org.openiop.events.EventTopics).OFFERS)}")
    void on(SpecificRecord event) {
        if (event instanceof MakeupOfferChosen chosen) {
            inbox.applyOnce("scheduling-offers", event, () -> offers.choose(choice(chosen)));
        }
    }

    /** The one translation of the event; a malformed offer id fails inside the inbox's transaction, as it did. */
    static OfferChoice choice(MakeupOfferChosen chosen) {
        return new OfferChoice(java.util.UUID.fromString(chosen.getOfferId()), chosen.getProgramId(),
                chosen.getClientId(), chosen.getOptionNumber(), chosen.getChosenBy());
    }
}
