package org.openiop.notification.offer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Make-up offers on the client's side: each offer becomes a text with the client's link (through their channels and
 * consent, outside quiet hours) and a copy their page shows; their choice goes back to scheduling-service as
 * {@code MakeupOfferChosen}, and scheduling's answer updates the copy the page polls.
 */
@Service
class ClientOffers {

    /** How long the page still shows an offer's outcome (booked, expired) after it ended. */
    static final Duration OUTCOME_SHOWN = Duration.ofDays(1);

    private final MakeupOfferRepository copies;
    private final ClientTexts texts;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    ClientOffers(MakeupOfferRepository copies, ClientTexts texts, OutboxWriter outbox, AuditTrail audit, Clock clock) {
        this.copies = copies;
        this.texts = texts;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** Keeps the copy and queues one text per channel the program uses and the client may receive. */
    @Transactional(propagation = Propagation.MANDATORY)
    void offered(Offer e) {
        copies.insert(e);
        Instant first = e.options().get(0).sessions().get(0).startsAt();
        Instant firstEnd = e.options().get(0).sessions().get(0).endsAt();
        texts.queue(new ClientTexts.Text(e.offerId(), MessageKind.MAKEUP_OFFER, e.clientId(), e.programId(), first,
                firstEnd, e.timeZone(), Map.of()), first);
        audit.change("makeup-offer", e.clientId(), "offer " + e.offerId() + " kept for the client's page, "
                + e.options().size() + " option(s); text queued");
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void accepted(String offerId, String clientId, int optionNumber) {
        if (copies.lock(offerId).isEmpty()) {
            return;
        }
        copies.closeOthers(offerId, optionNumber);
        copies.status(offerId, "ACCEPTED", optionNumber, null);
        audit.change("makeup-offer", clientId, "offer " + offerId + " accepted: option " + optionNumber);
    }

    /**
     * Options no longer available. If the client's pending choice is among them, the page shows the rest again with a
     * note (a seat taken meanwhile), or the offer ends when none is left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void expired(OfferExpiry e) {
        MakeupOfferRepository.Row row = copies.lock(e.offerId()).orElse(null);
        if (row == null || "ACCEPTED".equals(row.status())) {
            return;
        }
        copies.optionStatus(e.offerId(), e.optionNumbers(), "UNAVAILABLE");
        boolean choiceGone = row.chosenOption() != null && e.optionNumbers().contains(row.chosenOption());
        String refusal = choiceGone && e.reason() != OfferExpiry.Reason.STARTED ? e.reason().name() : null;
        if (e.remainingOptions().isEmpty()) {
            copies.status(e.offerId(), "EXPIRED", null, refusal);
        } else if (choiceGone) {
            copies.status(e.offerId(), "OPEN", null, refusal);
        }
        audit.change("makeup-offer", e.clientId(), "offer " + e.offerId() + ": option(s) "
                + e.optionNumbers() + " no longer available (" + e.reason() + ")");
    }

    /** Staff withdrew the offer: the page no longer shows it, and a choice of it (a page left open) is refused. */
    @Transactional(propagation = Propagation.MANDATORY)
    void withdrawn(String offerId, String clientId) {
        MakeupOfferRepository.Row row = copies.lock(offerId).orElse(null);
        if (row == null || "ACCEPTED".equals(row.status())) {
            return;
        }
        copies.status(offerId, "WITHDRAWN", null, null);
        audit.change("makeup-offer", clientId, "offer " + offerId + " withdrawn by staff");
    }

    /** The client's page: their offers, in their own zone, with the program's place. */
    @Transactional
    public List<ClientOffer> forClient(String clientId) {
        audit.read("makeup-offers", clientId);
        return copies.forClient(clientId, texts.ownZone(clientId), null, clock.instant().minus(OUTCOME_SHOWN)).stream()
                .map(o -> withPlace(o, clientId)).toList();
    }

    private ClientOffer withPlace(ClientOffer o, String clientId) {
        String place = copies.programOf(o.offerId()).map(texts::place).orElse(null);
        return new ClientOffer(o.offerId(), o.status(), o.chosenOption(), o.lastRefusal(), o.expiresAt(),
                o.timeZone(), place, o.options());
    }

    /**
     * The client's choice: recorded as pending and sent to scheduling-service, which books it through its rules.
     * Refused here (nothing sent) when the offer is not theirs, no longer open, or the option is unavailable.
     */
    @Transactional
    public List<ClientOffer> choose(String clientId, String offerId, int option, String chosenBy) {
        MakeupOfferRepository.Row row = copies.lock(offerId).filter(r -> r.clientId().equals(clientId))
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
        outbox.append(OfferEvents.chosen(clientId, row.programId(), offerId, option, chosenBy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.change("makeup-offer", clientId, "the client chose option " + option + " of offer " + offerId);
        return forClient(clientId);
    }
}
