package org.openiop.notification.offer;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.events.MakeupOfferAccepted;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOfferWithdrawn;
import org.openiop.events.MakeupOffered;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** scheduling-service's offer events, each applied once; the client's own choices on the topic are not for us. */
@Component
class OfferEventsListener {

    private final EventInbox inbox;
    private final ClientOffers offers;

    OfferEventsListener(EventInbox inbox, ClientOffers offers) {
        this.inbox = inbox;
        this.offers = offers;
    }

    @KafkaListener(topics = "#{@topics.of(T(org.openiop.events.EventTopics).OFFERS)}")
    void on(SpecificRecord event) {
        if (event instanceof MakeupOffered offered) {
            Offer offer = OfferEvents.offered(offered);
            inbox.applyOnce("notification", event, () -> offers.offered(offer));
        } else if (event instanceof MakeupOfferAccepted accepted) {
            inbox.applyOnce("notification", event, () -> offers.accepted(accepted.getOfferId(), accepted.getClientId(),
                    accepted.getOptionNumber()));
        } else if (event instanceof MakeupOfferExpired expired) {
            OfferExpiry expiry = OfferEvents.expired(expired);
            inbox.applyOnce("notification", event, () -> offers.expired(expiry));
        } else if (event instanceof MakeupOfferWithdrawn withdrawn) {
            inbox.applyOnce("notification", event,
                    () -> offers.withdrawn(withdrawn.getOfferId(), withdrawn.getClientId()));
        }
    }
}
