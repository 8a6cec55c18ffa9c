package org.openiop.notification.clientlink;

import java.util.Map;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Staff issue a client's link (to hand over or send) and withdraw all of a client's links at once. */
@RestController
@RequestMapping("/api/clients/{clientId}/client-links")
class ClientLinkController {

    private final ClientLinks links;
    private final AuditTrail audit;

    ClientLinkController(ClientLinks links, AuditTrail audit) {
        this.links = links;
        this.audit = audit;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedLink issue(@PathVariable UUID clientId, Authentication staff) {
        IssuedLink link = links.issue(clientId, staff.getName());
        audit.change("client-link", clientId.toString(), "link " + link.linkId() + " issued");
        return link;
    }

    @DeleteMapping
    Map<String, Integer> revokeAll(@PathVariable UUID clientId, Authentication staff) {
        int revoked = links.revokeAll(clientId.toString(), staff.getName());
        audit.change("client-link", clientId.toString(), revoked + " link(s) revoked");
        return Map.of("revoked", revoked);
    }
}
