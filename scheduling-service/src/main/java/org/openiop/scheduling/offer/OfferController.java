package org.openiop.scheduling.offer;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Staff send a week's make-up options to the client as an offer, and follow its state. */
@RestController
class OfferController {

    /** A week's minutes cannot exceed its length (a 25-hour day at a clock change included). */
    private static final int WEEK_MINUTES = 7 * 24 * 60 + 60;

    private final OfferService service;
    private final OfferRepository offers;
    private final EnrolmentRepository enrolments;
    private final AuditTrail audit;

    OfferController(OfferService service, OfferRepository offers, EnrolmentRepository enrolments, AuditTrail audit) {
        this.service = service;
        this.offers = offers;
        this.enrolments = enrolments;
        this.audit = audit;
    }

    /**
     * @param week             any day of the program week
     * @param attendedMinutes  minutes attended that week, from attendance-service's compliance week (as for the
     *                         options)
     * @param scheduledMinutes minutes still booked that week; absent: the client's seats not started yet
     */
    record OfferRequest(@NotNull LocalDate week, @NotNull @Min(0) @Max(WEEK_MINUTES) Integer attendedMinutes,
            @Min(0) @Max(WEEK_MINUTES) Integer scheduledMinutes) {
    }

    @PostMapping("/api/clients/{clientId}/makeup-offers")
    ResponseEntity<MakeupOffer> send(@PathVariable UUID clientId, @Valid @RequestBody OfferRequest request,
            Principal who) {
        MakeupOffer offer = service.send(clientId, request.week(), request.attendedMinutes(),
                request.scheduledMinutes(), who.getName());
        return ResponseEntity.created(URI.create("/api/makeup-offers/" + offer.id())).body(offer);
    }

    /** The client's offers, newest first (at most 20). */
    @GetMapping("/api/clients/{clientId}/makeup-offers")
    List<MakeupOffer> forClient(@PathVariable UUID clientId) {
        enrolments.get(clientId, "clientId");
        audit.read("makeup-offers", clientId.toString());
        return offers.forClient(clientId, 20);
    }

    /** Staff withdraw an offer the client has not accepted; refused (409 offer-not-open) once it is closed. */
    @PostMapping("/api/makeup-offers/{offerId}/withdrawal")
    MakeupOffer withdraw(@PathVariable UUID offerId, Principal who) {
        return service.withdraw(offerId, who.getName());
    }

    @GetMapping("/api/makeup-offers/{offerId}")
    MakeupOffer get(@PathVariable UUID offerId) {
        MakeupOffer offer = offers.find(offerId)
                .orElseThrow(() -> RuleViolation.notFound("offerId", "Make-up offer", offerId));
        audit.read("makeup-offer", offer.clientId().toString());
        return offer;
    }
}
