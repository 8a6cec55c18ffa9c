package org.openiop.notification.hold;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
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
            HeldSeat seat = HoldEvents.held(held);
            inbox.applyOnce("notification-holds", event, () -> holds.held(seat));
        } else if (event instanceof WaitlistHoldEnded ended) {
            inbox.applyOnce("notification-holds", event,
                    () -> holds.ended(ended.getEntryId(), ended.getClientId(), ended.getOutcome().name()));
        }
    }
}
