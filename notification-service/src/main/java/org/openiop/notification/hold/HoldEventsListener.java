package org.openiop.notification.hold;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.WaitlistHoldEnded;
import org.openiop.events.WaitlistSeatHeld;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * scheduling-service's hold events, each applied once. Its own consumer group: the offers listener reads the same
 * topic for the make-up offers, and the client's own answers on it are not for us.
 */
@Component
class HoldEventsListener {

    private final EventInbox inbox;
    private final ClientHolds holds;

    HoldEventsListener(EventInbox inbox, ClientHolds holds) {
        this.inbox = inbox;
        this.holds = holds;
    }

    @KafkaListener(topics = "#{@topics.of(T(org.openiop.events.EventTopics).OFFERS)}",
            groupId = "${spring.kafka.consumer.group-id}.holds")
    void on(SpecificRecord event) {
        if (event instanceof WaitlistSeatHeld held) {
            if (!held.getHeldUntil().isAfter(held.getOccurredAt()) || !uuid(held.getClientId())
                    || !uuid(held.getEntryId())) {
                throw new EventRejectedException("a hold without a client or entry id, or with no time to answer");
            }
            inbox.applyOnce("notification-holds", event, () -> holds.held(held));
        } else if (event instanceof WaitlistHoldEnded ended) {
            inbox.applyOnce("notification-holds", event, () -> holds.ended(ended));
        }
    }

    private static boolean uuid(String id) {
        try {
            java.util.UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
