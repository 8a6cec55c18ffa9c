package org.openiop.notification.offer;

import java.util.List;

import org.openiop.backbone.security.ClientLinkPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The client's offers through their signed link (ROLE_CLIENT); the link names the client, no id in the path does. */
@RestController
class ClientOfferController {

    private final ClientOffers offers;

    ClientOfferController(ClientOffers offers) {
        this.offers = offers;
    }

    record Choice(@NotNull @Min(1) @Max(10) Integer option) {
    }

    @GetMapping("/api/client-portal/offers")
    List<ClientOffer> offers(@AuthenticationPrincipal ClientLinkPrincipal link) {
        return offers.forClient(link.clientId());
    }

    /** Accepted for booking: the page polls the offers until scheduling's answer arrives. */
    @PostMapping("/api/client-portal/offers/{offerId}/choice")
    @ResponseStatus(HttpStatus.ACCEPTED)
    List<ClientOffer> choose(@AuthenticationPrincipal ClientLinkPrincipal link, @PathVariable String offerId,
            @Valid @RequestBody Choice choice) {
        return offers.choose(link.clientId(), offerId, choice.option(), link.getName());
    }
}
