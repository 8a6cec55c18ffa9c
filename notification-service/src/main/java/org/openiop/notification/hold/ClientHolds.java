package org.openiop.notification.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.notification.delivery.ClientTexts;
import org.openiop.notification.delivery.MessageKind;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seats held for a client from a waitlist, on the client's side: each hold becomes a text with the client's link
 * (their channels and consent, outside quiet hours) and a copy their page shows with its deadline; their answer goes
 * back to scheduling-service as {@code WaitlistHoldAnswered}, and scheduling's {@code WaitlistHoldEnded} closes the
 * copy the page polls.
 */
@Service
class ClientHolds {

    /** How long the page still shows how a hold ended (booked, expired, ...). */
    static final Duration OUTCOME_SHOWN = Duration.ofDays(1);

    private final WaitlistHoldRepository copies;
    private final ClientTexts texts;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    ClientHolds(WaitlistHoldRepository copies, ClientTexts texts, OutboxWriter outbox, AuditTrail audit, Clock clock) {
        this.copies = copies;
        this.texts = texts;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps the copy and queues one text per channel the program uses and the client may receive. */
    @Transactional(propagation = Propagation.MANDATORY)
    void held(HeldSeat e) {
        copies.insert(e);
        // quiet hours delay the text, but never past the answer's deadline
        texts.queue(new ClientTexts.Text(e.entryId(), MessageKind.WAITLIST_HOLD, e.clientId(),
                e.programId(), e.sessionStartsAt(), e.sessionEndsAt(), e.timeZone(),
                Map.of(MessageKind.HELD_UNTIL, e.heldUntil().toString())), e.heldUntil());
        audit.change("waitlist-hold", e.clientId(), "hold " + e.entryId() + " until " + e.heldUntil()
                + " kept for the client's page; text queued");
    }

    /** How the hold ended, for the client's page. */
    @Transactional(propagation = Propagation.MANDATORY)
    void ended(String entryId, String clientId, String outcome) {
        if (copies.lock(entryId).isEmpty()) {
            return;
        }
        copies.status(entryId, outcome, null);
        audit.change("waitlist-hold", clientId, "hold " + entryId + " ended: " + outcome);
    }

    /** The client's page: seats held for them, in their own zone, with the program's place. */
    @Transactional
    public List<ClientHold> forClient(String clientId) {
        audit.read("waitlist-holds", clientId);
        return copies.forClient(clientId, texts.ownZone(clientId), clock.instant().minus(OUTCOME_SHOWN),
                texts::place);
    }

    /**
     * The client's answer: recorded as pending and sent to scheduling-service, which books or releases the seat.
     * Refused here (nothing sent) when the hold is not theirs, no longer held, or its time is up.
     */
    @Transactional
    public List<ClientHold> answer(String clientId, String entryId, HoldReply answer, String answeredBy) {
        WaitlistHoldRepository.Row row = copies.lock(entryId).filter(r -> r.clientId().equals(clientId))
                .orElseThrow(() -> RuleViolation.notFound("entryId", "Held place", entryId));
        if ("PENDING".equals(row.status())) {
            throw refused("hold-pending", "Your answer is being confirmed", "your answer is on its way");
        }
        if (!"HELD".equals(row.status()) || !row.heldUntil().isAfter(clock.instant())) {
            throw refused("hold-closed", "This place is no longer held for you. Please call us to find another time.",
                    "the place is no longer held");
        }
        copies.status(entryId, "PENDING", answer.name());
        outbox.append(HoldEvents.answered(entryId, clientId, row.programId(), answer, answeredBy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.change("waitlist-hold", clientId, "the client answered hold " + entryId + ": " + answer);
        return forClient(clientId);
    }

    private static RuleViolation refused(String code, String detail, String problem) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail,
                List.of(new RuleViolation.FieldProblem("entryId", problem)));
    }
}
