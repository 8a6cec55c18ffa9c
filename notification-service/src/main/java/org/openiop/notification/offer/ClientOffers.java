package org.openiop.notification.offer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.MakeupOfferAccepted;
import org.openiop.events.MakeupOfferChosen;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOfferWithdrawn;
import org.openiop.events.MakeupOffered;
import org.openiop.events.OfferExpiryReason;
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
 * Make-up offers on the client's side: each offer becomes a text with the client's link (through their channels and
 * consent, outside quiet hours) and a copy their page shows; their choice goes back to scheduling-service as
 * {@code MakeupOfferChosen}, and scheduling's answer updates the copy the page polls.
 */
@Service
class ClientOffers {

    /** How long the page still shows an offer's outcome (booked, expired) after it ended. */
    static final Duration OUTCOME_SHOWN = Duration.ofDays(1);

    private final OfferCopies copies;
    private final DeliveryQueue queue;
    private final ProgramDirectory programs;
    private final ContactDirectory contacts;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final ReminderPlanner planner = new ReminderPlanner();

    ClientOffers(OfferCopies copies, DeliveryQueue queue, ProgramDirectory programs, ContactDirectory contacts,
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
    void offered(MakeupOffered e) {
        copies.insert(e);
        ProgramSettings settings = programs.settings(e.getProgramId());
        Optional<Contact> contact = contacts.find(e.getClientId());
        ZoneId zone = ZoneId.of(e.getTimeZone());
        Instant first = e.getOptions().get(0).getSessions().get(0).getStartsAt();
        Instant firstEnd = e.getOptions().get(0).getSessions().get(0).getEndsAt();
        Instant due = contact.map(c -> planner.sendPromptly(clock.instant(), first, c.zoneOr(zone), c.quietHours()))
                .orElse(clock.instant());
        for (Channel channel : settings.channels()) {
            if (contact.isEmpty() || contact.get().channels().contains(channel)) {
                NewDelivery text = new NewDelivery(e.getOfferId(), MessageKind.MAKEUP_OFFER, channel,
                        e.getOfferId(), Audience.CLIENT, e.getClientId(), e.getProgramId(), null, null, first,
                        firstEnd, e.getTimeZone(), 0, Map.of(), due);
                Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(channel));
                if (cannot.isPresent()) {
                    queue.enqueueSkipped(text, cannot.get());
                } else {
                    queue.enqueueOnce(text);
                }
            }
        }
        audit.change("makeup-offer", e.getClientId(), "offer " + e.getOfferId() + " kept for the client's page, "
                + e.getOptions().size() + " option(s); text queued");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void accepted(MakeupOfferAccepted e) {
        if (copies.lock(e.getOfferId()).isEmpty()) {
            return;
        }
        copies.closeOthers(e.getOfferId(), e.getOptionNumber());
        copies.status(e.getOfferId(), "ACCEPTED", e.getOptionNumber(), null);
        audit.change("makeup-offer", e.getClientId(), "offer " + e.getOfferId() + " accepted: option "
                + e.getOptionNumber());
    }

    /**
     * Options no longer available. If the client's pending choice is among them, the page shows the rest again with a
     * note (a seat taken meanwhile), or the offer ends when none is left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void expired(MakeupOfferExpired e) {
        OfferCopies.Row row = copies.lock(e.getOfferId()).orElse(null);
        if (row == null || "ACCEPTED".equals(row.status())) {
            return;
        }
        copies.optionStatus(e.getOfferId(), e.getOptionNumbers(), "UNAVAILABLE");
        boolean choiceGone = row.chosenOption() != null && e.getOptionNumbers().contains(row.chosenOption());
        String refusal = choiceGone && e.getReason() != OfferExpiryReason.STARTED ? e.getReason().name() : null;
        if (e.getRemainingOptions().isEmpty()) {
            copies.status(e.getOfferId(), "EXPIRED", null, refusal);
        } else if (choiceGone) {
            copies.status(e.getOfferId(), "OPEN", null, refusal);
        }
        audit.change("makeup-offer", e.getClientId(), "offer " + e.getOfferId() + ": option(s) "
                + e.getOptionNumbers() + " no longer available (" + e.getReason() + ")");
    }

    /** Staff withdrew the offer: the page no longer shows it, and a choice of it (a page left open) is refused. */
    @Transactional(propagation = Propagation.MANDATORY)
    void withdrawn(MakeupOfferWithdrawn e) {
        OfferCopies.Row row = copies.lock(e.getOfferId()).orElse(null);
        if (row == null || "ACCEPTED".equals(row.status())) {
            return;
        }
        copies.status(e.getOfferId(), "WITHDRAWN", null, null);
        audit.change("makeup-offer", e.getClientId(), "offer " + e.getOfferId() + " withdrawn by staff");
    }

    /** The client's page: their offers, in their own zone, with the program's place. */
    @Transactional
    public List<ClientOffer> forClient(String clientId) {
        audit.read("makeup-offers", clientId);
        ZoneId own = contacts.find(clientId).map(Contact::timeZone).orElse(null);
        return copies.forClient(clientId, own, null, clock.instant().minus(OUTCOME_SHOWN)).stream()
                .map(o -> withPlace(o, clientId)).toList();
    }

    private ClientOffer withPlace(ClientOffer o, String clientId) {
        String place = copies.programOf(o.offerId()).flatMap(programs::find).map(Program::locationLabel).orElse(null);
        return new ClientOffer(o.offerId(), o.status(), o.chosenOption(), o.lastRefusal(), o.expiresAt(),
                o.timeZone(), place, o.options());
    }

    /**
     * The client's choice: recorded as pending and sent to scheduling-service, which books it through its rules.
     * Refused here (nothing sent) when the offer is not theirs, no longer open, or the option is unavailable.
     */
    @Transactional
    public List<ClientOffer> choose(String clientId, String offerId, int option, String chosenBy) {
        OfferCopies.Row row = copies.lock(offerId).filter(r -> r.clientId().equals(clientId))
                .orElseThrow(() -> RuleViolation.notFound("offerId", "Offer", offerId));
        if ("WITHDRAWN".equals(row.status())) {
            throw new RuleViolation(HttpStatus.CONFLICT, "offer-withdrawn",
                    "These times were withdrawn: please call us to find another time",
                    List.of(new RuleViolation.FieldProblem("offerId", "the offer was withdrawn")));
        }
        if (!"OPEN".equals(row.status())) {
            throw new RuleViolation(HttpStatus.CONFLICT, "offer-closed", row.status().equals("PENDING")
                    ? "Your choice is being confirmed" : "This offer is no longer open",
                    List.of(new RuleViolation.FieldProblem("offerId", "the offer is " + row.status().toLowerCase())));
        }
        String status = copies.optionStatus(offerId, option)
                .orElseThrow(() -> RuleViolation.invalid("option", "this offer has no option " + option));
        if (!"OPEN".equals(status)) {
            throw new RuleViolation(HttpStatus.CONFLICT, "option-unavailable", "That time is no longer available",
                    List.of(new RuleViolation.FieldProblem("option", "no longer available: choose another")));
        }
        copies.status(offerId, "PENDING", option, null);
        outbox.append(MakeupOfferChosen.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS)).setClientId(clientId)
                .setProgramId(row.programId()).setOfferId(offerId).setOptionNumber(option).setChosenBy(chosenBy)
                .build());
        audit.change("makeup-offer", clientId, "the client chose option " + option + " of offer " + offerId);
        return forClient(clientId);
    }
}
