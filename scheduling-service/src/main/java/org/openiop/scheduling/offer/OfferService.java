package org.openiop.scheduling.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.enrolment.EnrolmentStatus;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.enrolment.Enrolment;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.makeup.MakeupOptions;
import org.openiop.scheduling.program.ProgramRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Make-up offers to the client (docs/adr/0010-make-up-options-and-waitlists.md). Staff send a week's options; the
 * client's choice arrives as an event and is booked here through every booking rule. An offer holds no seat: when
 * the chosen option cannot be booked any more (a seat taken, another rule refusing), that option alone becomes
 * unavailable and the client is shown the rest. Options expire at their first session's start.
 */
@Service
class OfferService {

    static final String SYSTEM = "system";
    /** Who sent an offer the program's automatic rule sent. */
    static final String AUTOMATIC = "automatic";
    private static final Logger log = LoggerFactory.getLogger(OfferService.class);

    private final OfferRepository offers;
    private final MakeupSettingRepository settings;
    private final EnrolmentRepository enrolments;
    private final MakeupOptions makeup;
    private final ProgramRepository programs;
    private final BookingService bookings;
    private final OfferEvents events;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    OfferService(OfferRepository offers, MakeupSettingRepository settings, EnrolmentRepository enrolments,
            MakeupOptions makeup, ProgramRepository programs, BookingService bookings,
            OfferEvents events, OutboxWriter outbox, AuditTrail audit, Clock clock,
            PlatformTransactionManager transactions) {
        this.offers = offers;
        this.settings = settings;
        this.enrolments = enrolments;
        this.makeup = makeup;
        this.programs = programs;
        this.bookings = bookings;
        this.events = events;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        // one option's bookings all or none, without losing the surrounding transaction (a savepoint)
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Offers the client the week's options as the options page computes them from the same figures, and announces
     * {@code MakeupOffered} for notification-service to send the client a link to their page.
     */
    @Transactional
    public MakeupOffer send(UUID clientId, LocalDate week, int attendedMinutes, Integer scheduledMinutes,
            String actor) {
        MakeupOptions.Options options = makeup.compute(clientId, week, attendedMinutes, scheduledMinutes);
        if (options.options().isEmpty()) {
            throw new RuleViolation(org.springframework.http.HttpStatus.CONFLICT, "no-makeup-options",
                    options.shortfallMinutes() == 0 ? "The week already reaches the minimum: nothing to offer"
                            : "No session left that week has a free seat that would reach the minimum",
                    List.of(new RuleViolation.FieldProblem("week", "no make-up option to offer for this week")));
        }
        return offer(options, actor);
    }

    private MakeupOffer offer(MakeupOptions.Options options, String actor) {
        programs.shareLock(options.programId());
        UUID id = UUID.randomUUID();
        Instant expires = options.options().stream().map(MakeupOptions.Option::expiresAt)
                .max(Comparator.naturalOrder()).orElseThrow();
        offers.insert(id, options, expires, actor);
        MakeupOffer offer = offers.find(id).orElseThrow();
        outbox.append(events.offered(offer, options.timeZone()));
        audit.change("makeup-offer", options.clientId().toString(), "offered " + id + " for the week of "
                + options.weekStart() + ": " + offer.options().size() + " option(s), open until " + expires
                + (AUTOMATIC.equals(actor) ? " (automatic: the week turned at risk)" : ""));
        return offer;
    }

    /**
     * The program's automatic rule, in the caller's (the inbox's) transaction: a client-week that turns AT_RISK gets
     * the offer staff would send, from the figures attendance announced, if the program has the rule on, the client
     * is still enrolled there, has no open offer, had no automatic offer that week, and options are left.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void complianceChanged(ComplianceWeek change) {
        if (!change.turnedAtRisk()) {
            return;
        }
        UUID clientId = change.clientId();
        UUID programId = change.programId();
        if (!settings.get(programId).automaticOffers()) {
            return;
        }
        Enrolment client = enrolments.find(clientId).orElse(null);
        if (client == null || client.status() != EnrolmentStatus.ACTIVE || !client.programId().equals(programId)) {
            return;
        }
        if (offers.automaticOfferSent(clientId, change.weekStart()) || offers.hasOpen(clientId)) {
            log.info("automatic offer for client {} week {} skipped: one sent already or an offer is open", clientId,
                    change.weekStart());
            return;
        }
        MakeupOptions.Options options = makeup.compute(clientId, change.weekStart(), change.attendedMinutes(),
                change.scheduledRemainingMinutes());
        if (options.options().isEmpty() || !options.weekStart().equals(change.weekStart())) {
            log.info("automatic offer for client {} week {}: no option left", clientId, change.weekStart());
            return;
        }
        MakeupOffer offer = offer(options, AUTOMATIC);
        offers.recordAutomatic(clientId, options.weekStart(), offer.id());
    }

    /**
     * Staff withdraw an offer the client has not accepted: its options close, the client's page stops showing it, and
     * a choice still on its way is not booked.
     */
    @Transactional
    public MakeupOffer withdraw(UUID offerId, String actor) {
        UUID programId = offers.programOf(offerId)
                .orElseThrow(() -> RuleViolation.notFound("offerId", "Make-up offer", offerId));
        programs.shareLock(programId);
        MakeupOffer offer = offers.lock(offerId).orElseThrow();
        if (!"OPEN".equals(offer.status())) {
            throw new RuleViolation(org.springframework.http.HttpStatus.CONFLICT, "offer-not-open",
                    "Only an open offer can be withdrawn: this one is " + offer.status().toLowerCase(),
                    List.of(new RuleViolation.FieldProblem("offerId", "the offer is " + offer.status().toLowerCase())));
        }
        offers.withdraw(offerId, actor);
        outbox.append(events.withdrawn(offer, actor));
        audit.change("makeup-offer", offer.clientId().toString(), "withdrew " + offerId + " (open options "
                + offer.openOptions() + ")");
        return offers.find(offerId).orElseThrow();
    }

    /**
     * Applies the client's choice in the caller's (the inbox's) transaction: books the option, or marks it
     * unavailable when a rule refuses it; a choice of a closed offer or option changes nothing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void choose(OfferChoice choice) {
        UUID offerId = choice.offerId();
        UUID programId = offers.programOf(offerId).orElse(null);
        if (programId == null || !programId.toString().equals(choice.programId())) {
            log.warn("choice of unknown offer {} ignored", offerId);
            return;
        }
        programs.shareLock(programId); // lock order of every scheduling write: program (shared), then the row
        MakeupOffer offer = offers.lock(offerId).orElseThrow();
        if (!offer.clientId().toString().equals(choice.clientId())) {
            log.warn("choice of offer {} by another client ignored", offerId);
            return;
        }
        int number = choice.optionNumber();
        MakeupOffer.OfferedOption option = offer.option(number);
        String who = choice.chosenBy();
        if (!"OPEN".equals(offer.status()) || option == null || !option.open()) {
            audit.change("makeup-offer", offer.clientId().toString(), "choice of option " + number + " of " + offerId
                    + " by " + who + " not applied: the offer is " + offer.status().toLowerCase()
                    + (option == null ? "" : ", the option " + option.status().toLowerCase()));
            return;
        }
        if (!option.expiresAt().isAfter(clock.instant())) {
            expire(offer, List.of(number), ExpiryReason.STARTED);
            return;
        }
        List<BookedSeat> seats = new ArrayList<>();
        RuntimeException refused = null;
        try {
            savepoint.executeWithoutResult(status -> option.sessions()
                    .forEach(s -> seats.add(bookings.book(s.sessionId(), offer.clientId(), null))));
        } catch (RuntimeException e) {
            seats.clear();
            refused = e;
        }
        if (refused != null) {
            boolean full = String.valueOf(NestedExceptionUtils.getMostSpecificCause(refused).getMessage())
                    .contains("session_capacity_not_exceeded")
                    || refused instanceof RuleViolation rule && "session-full".equals(rule.code());
            expire(offer, List.of(number), full ? ExpiryReason.SEAT_TAKEN : ExpiryReason.NOT_BOOKABLE);
            return;
        }
        for (BookedSeat seat : seats) {
            offers.linkBooking(offerId, number, seat.sessionId(), seat.bookingId());
        }
        offers.optionStatus(offerId, number, "BOOKED");
        offers.closeOpenOptions(offerId);
        offers.offerStatus(offerId, "ACCEPTED", number);
        List<UUID> bookingIds = seats.stream().map(BookedSeat::bookingId).toList();
        outbox.append(events.accepted(offer, number, bookingIds));
        audit.change("makeup-offer", offer.clientId().toString(), "accepted option " + number + " of " + offerId
                + " (chosen by " + who + "): booked " + bookingIds);
    }

    /** Expires the offer's options whose first session has started; runs in the sweep's transaction. */
    void expireStarted(UUID offerId) {
        MakeupOffer offer = offers.find(offerId).orElseThrow();
        Instant now = clock.instant();
        List<Integer> started = offer.options().stream()
                .filter(o -> o.open() && !o.expiresAt().isAfter(now)).map(MakeupOffer.OfferedOption::number).toList();
        if (!started.isEmpty()) {
            expire(offer, started, ExpiryReason.STARTED);
        }
    }

    /** Options no longer available; the offer expires with its last one. Announced and audited. */
    private void expire(MakeupOffer offer, List<Integer> numbers, ExpiryReason reason) {
        String status = switch (reason) {
            case STARTED -> "EXPIRED";
            case SEAT_TAKEN -> "TAKEN";
            case NOT_BOOKABLE -> "REFUSED";
        };
        numbers.forEach(n -> offers.optionStatus(offer.id(), n, status));
        List<Integer> remaining = offer.openOptions().stream().filter(n -> !numbers.contains(n)).toList();
        if (remaining.isEmpty()) {
            offers.offerStatus(offer.id(), "EXPIRED", null);
        }
        outbox.append(events.expired(offer, numbers, reason, remaining));
        audit.change("makeup-offer", offer.clientId().toString(), "option(s) " + numbers + " of " + offer.id() + " "
                + status.toLowerCase() + (remaining.isEmpty() ? "; the offer expired" : "; still open: " + remaining));
    }
}
