package org.openiop.notification.hold;

import java.time.Instant;
import java.util.UUID;

import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.HoldAnswer;
import org.openiop.events.WaitlistHoldAnswered;
import org.openiop.events.WaitlistSeatHeld;

/**
 * The hold package's one translation between scheduling's hold events (Avro) and its own types, both ways: a
 * WaitlistSeatHeld that can never be applied goes to the DLT ({@link EventRejectedException}).
 */
final class HoldEvents {

    private HoldEvents() {
    }

    static HeldSeat held(WaitlistSeatHeld e) {
        if (!e.getHeldUntil().isAfter(e.getOccurredAt()) || !uuid(e.getClientId()) || !uuid(e.getEntryId())) {
            throw new EventRejectedException("a hold without a client or entry id, or with no time to answer");
        }
        return new HeldSeat(e.getEntryId(), e.getClientId(), e.getProgramId(), e.getTimeZone(),
                e.getSessionStartsAt(), e.getSessionEndsAt(), e.getHeldUntil(), e.getOccurredAt());
    }

    static WaitlistHoldAnswered answered(String entryId, String clientId, String programId, HoldReply answer,
            String answeredBy, Instant at) {
        return WaitlistHoldAnswered.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at)
                .setEntryId(entryId).setClientId(clientId).setProgramId(programId)
                .setAnswer(HoldAnswer.valueOf(answer.name())).setAnsweredBy(answeredBy).build();
    }

    private static boolean uuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
