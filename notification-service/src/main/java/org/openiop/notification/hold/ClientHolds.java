package org.openiop.notification.hold;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.HoldAnswer;
import org.openiop.events.WaitlistHoldAnswered;
import org.openiop.events.WaitlistHoldEnded;
import org.openiop.events.WaitlistSeatHeld;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactDirectory;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryQueue;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramDirectory;
import org.openiop.notification.program.ProgramSettings;
import org.openiop.notification.reminder.ReminderPlanner;
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
public class ClientHolds {

    /** How long the page still shows how a hold ended (booked, expired, ...). */
    static final Duration OUTCOME_SHOWN = Duration.ofDays(1);

    private final HoldCopies copies;
    private final DeliveryQueue queue;
    private final ProgramDirectory programs;
    private final ContactDirectory contacts;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final ReminderPlanner planner = new ReminderPlanner();

    ClientHolds(HoldCopies copies, DeliveryQueue queue, ProgramDirectory programs, ContactDirectory contacts,
            OutboxWriter outbox, AuditTrail audit, Clock clock) {
        this.copies = copies;
        this.queue = queue;
        this.programs = programs;
        this.contacts = contacts;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps the copy and queues one text per channel the program uses and the client may receive. */
    @Transactional(propagation = Propagation.MANDATORY)
    void held(WaitlistSeatHeld e) {
        copies.insert(e);
        ProgramSettings settings = programs.settings(e.getProgramId());
        Optional<Contact> contact = contacts.find(e.getClientId());
        ZoneId zone = ZoneId.of(e.getTimeZone());
        // quiet hours delay the text, but never past the answer's deadline
        java.time.Instant due = contact.map(c -> planner.sendPromptly(clock.instant(), e.getHeldUntil(),
                c.zoneOr(zone), c.quietHours())).orElse(clock.instant());
        for (Channel channel : settings.channels()) {
            if (contact.isEmpty() || contact.get().channels().contains(channel)) {
                NewDelivery text = new NewDelivery(e.getEntryId(), MessageKind.WAITLIST_HOLD, channel,
                        e.getEntryId(), Audience.CLIENT, e.getClientId(), e.getProgramId(), null, null,
                        e.getSessionStartsAt(), e.getSessionEndsAt(), e.getTimeZone(), 0,
                        Map.of(MessageKind.HELD_UNTIL, e.getHeldUntil().toString()), due);
                Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(channel));
                if (cannot.isPresent()) {
                    queue.enqueueSkipped(text, cannot.get());
                } else {
                    queue.enqueueOnce(text);
                }
            }
        }
        audit.change("waitlist-hold", e.getClientId(), "hold " + e.getEntryId() + " until " + e.getHeldUntil()
                + " kept for the client's page; text queued");
    }

    /** How the hold ended, for the client's page. */
    @Transactional(propagation = Propagation.MANDATORY)
    void ended(WaitlistHoldEnded e) {
        if (copies.lock(e.getEntryId()).isEmpty()) {
            return;
        }
        copies.status(e.getEntryId(), e.getOutcome().name(), null);
        audit.change("waitlist-hold", e.getClientId(), "hold " + e.getEntryId() + " ended: " + e.getOutcome());
    }

    /** The client's page: seats held for them, in their own zone, with the program's place. */
    @Transactional
    public List<ClientHold> forClient(String clientId) {
        audit.read("waitlist-holds", clientId);
        ZoneId own = contacts.find(clientId).map(Contact::timeZone).orElse(null);
        return copies.forClient(clientId, own, clock.instant().minus(OUTCOME_SHOWN),
                program -> programs.find(program).map(Program::locationLabel).orElse(null));
    }

    /**
     * The client's answer: recorded as pending and sent to scheduling-service, which books or releases the seat.
     * Refused here (nothing sent) when the hold is not theirs, no longer held, or its time is up.
     */
    @Transactional
    public List<ClientHold> answer(String clientId, String entryId, HoldAnswer answer, String answeredBy) {
        HoldCopies.Row row = copies.lock(entryId).filter(r -> r.clientId().equals(clientId))
                .orElseThrow(() -> RuleViolation.notFound("entryId", "Held place", entryId));
        if ("PENDING".equals(row.status())) {
            throw refused("hold-pending", "Your answer is being confirmed", "your answer is on its way");
        }
        if (!"HELD".equals(row.status()) || !row.heldUntil().isAfter(clock.instant())) {
            throw refused("hold-closed", "This place is no longer held for you. Please call us to find another time.",
                    "the place is no longer held");
        }
        copies.status(entryId, "PENDING", answer.name());
        outbox.append(WaitlistHoldAnswered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).setEntryId(entryId)
                .setClientId(clientId).setProgramId(row.programId()).setAnswer(answer).setAnsweredBy(answeredBy)
                .build());
        audit.change("waitlist-hold", clientId, "the client answered hold " + entryId + ": " + answer);
        return forClient(clientId);
    }

    private static RuleViolation refused(String code, String detail, String problem) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail,
                List.of(new RuleViolation.FieldProblem("entryId", problem)));
    }
}
