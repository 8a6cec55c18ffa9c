package org.openiop.notification.hold;

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
import jakarta.validation.constraints.NotNull;

/**
 * Seats held for the client, through their signed link (ROLE_CLIENT): the link names the client, no id in the path
 * does. Answers are carried to scheduling-service as events, as the make-up offer choices are.
 */
@RestController
class ClientHoldController {

    private final ClientHolds holds;

    ClientHoldController(ClientHolds holds) {
        this.holds = holds;
    }

    record Answer(@NotNull HoldReply answer) {
    }

    @GetMapping("/api/client-portal/holds")
    List<ClientHold> holds(@AuthenticationPrincipal ClientLinkPrincipal link) {
        return holds.forClient(link.clientId());
    }

    /** Accepted for applying: the page polls the holds until scheduling's answer arrives. */
    @PostMapping("/api/client-portal/holds/{entryId}/answer")
    @ResponseStatus(HttpStatus.ACCEPTED)
    List<ClientHold> answer(@AuthenticationPrincipal ClientLinkPrincipal link, @PathVariable String entryId,
            @Valid @RequestBody Answer answer) {
        return holds.answer(link.clientId(), entryId, answer.answer(), link.getName());
    }
}
