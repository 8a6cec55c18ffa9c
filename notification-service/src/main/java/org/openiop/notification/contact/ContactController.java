package org.openiop.notification.contact;

import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** Staff record how each client may be reached. */
@RestController
@RequestMapping("/api/clients/{clientId}/contact")
class ContactController {

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    @PutMapping
    ContactView save(@PathVariable UUID clientId, @Valid @RequestBody ContactRequest request) {
        return contacts.save(clientId.toString(), request);
    }

    @GetMapping
    ContactView find(@PathVariable UUID clientId) {
        return contacts.find(clientId.toString())
                .orElseThrow(() -> RuleViolation.notFound("clientId", "Contact of client", clientId));
    }
}
