package org.openiop.scheduling.waitlist;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.WaitlistHoldEnded;
import org.openiop.events.WaitlistSeatHeld;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.springframework.stereotype.Component;

/**
 * Announces holds on the offers topic through the outbox, in the transaction that grants or ends them, so
 * notification-service can tell the client and keep their page current. Identifiers and times only.
 */
@Component
class HoldNotices {

    private final OutboxWriter outbox;
    private final SessionRepository sessions;
    private final Clock clock;

    HoldNotices(OutboxWriter outbox, SessionRepository sessions, Clock clock) {
        this.outbox = outbox;
        this.sessions = sessions;
        this.clock = clock;
    }

    void held(WaitlistEntry entry, Instant until) {
        SessionView session = sessions.get(entry.sessionId(), "sessionId");
        outbox.append(WaitlistSeatHeld.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setEntryId(entry.id().toString()).setClientId(entry.clientId().toString())
                .setProgramId(entry.programId().toString()).setSessionId(entry.sessionId().toString())
                .setSessionStartsAt(millis(session.startsAt())).setSessionEndsAt(millis(session.endsAt()))
                .setTimeZone(session.timeZone()).setHeldUntil(millis(until)).build());
    }

    /** Only a hold's end concerns the client; a waiting entry leaving the queue was never announced. */
    void ended(WaitlistEntry entry, HoldOutcome outcome, UUID bookingId, String by) {
        if (!"HELD".equals(entry.status())) {
            return;
        }
        outbox.append(WaitlistHoldEnded.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now())
                .setEntryId(entry.id().toString()).setClientId(entry.clientId().toString())
                .setProgramId(entry.programId().toString()).setOutcome(event(outcome))
                .setBookingId(bookingId == null ? null : bookingId.toString()).setEndedBy(by).build());
    }

    /** Exhaustive, so an outcome added on either side stops the build here. */
    static org.openiop.events.HoldOutcome event(HoldOutcome outcome) {
        return switch (outcome) {
            case BOOKED -> org.openiop.events.HoldOutcome.BOOKED;
            case DECLINED -> org.openiop.events.HoldOutcome.DECLINED;
            case EXPIRED -> org.openiop.events.HoldOutcome.EXPIRED;
            case REMOVED -> org.openiop.events.HoldOutcome.REMOVED;
            case NOT_BOOKABLE -> org.openiop.events.HoldOutcome.NOT_BOOKABLE;
        };
    }

    private Instant now() {
        return millis(clock.instant());
    }

    private static Instant millis(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS);
    }
}
