package org.openiop.scheduling.waitlist;

import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.WaitlistHoldAnswered;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The client's answers to held seats come back on the offers topic, each applied once (the inbox) in the transaction
 * that books or releases the seat. Its own consumer group: the offers listener reads the same topic for other types.
 */
@Component
class HoldAnswerListener {

    private final EventInbox inbox;
    private final ClientHoldAnswers answers;

    HoldAnswerListener(EventInbox inbox, ClientHoldAnswers answers) {
        this.inbox = inbox;
        this.answers = answers;
    }

    @KafkaListener(topics = "#{@topics.of(T(org.openiop.events.EventTopics).OFFERS)}",
            groupId = "${spring.kafka.consumer.group-id}.holds")
    void on(SpecificRecord event) {
        if (event instanceof WaitlistHoldAnswered answered) {
            try {
                UUID.fromString(answered.getEntryId());
                UUID.fromString(answered.getClientId());
            } catch (IllegalArgumentException e) {
                throw new EventRejectedException("an answer without an entry or client id: " + e.getMessage());
            }
            inbox.applyOnce("scheduling-holds", event, () -> answers.answer(answer(answered)));
        }
    }

    /** The one translation of the event (its ids checked above). */
    static HoldAnswer answer(WaitlistHoldAnswered answered) {
        boolean accept = switch (answered.getAnswer()) {
            case ACCEPT -> true;
            case DECLINE -> false;
        };
        return new HoldAnswer(UUID.fromString(answered.getEntryId()), answered.getClientId(), accept,
                answered.getAnsweredBy());
    }
}
