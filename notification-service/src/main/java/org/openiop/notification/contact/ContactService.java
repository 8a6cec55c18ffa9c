package org.openiop.notification.contact;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records contact details after checking what bean validation cannot: numbers, zones, addresses per channel. */
@Service
class ContactService {

    private final ContactRepository contacts;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ContactService(ContactRepository contacts, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ContactView save(String clientId, ContactRequest request) {
        Contact contact = validated(clientId, request);
        contacts.save(contact, clock.instant());
        audit.change("contact", clientId, "contact preferences recorded");
        events.publishEvent(new ContactChanged(clientId));
        return ContactView.of(contacts.find(clientId).orElseThrow());
    }

    @Transactional
    public Optional<ContactView> find(String clientId) {
        audit.read("contact", clientId);
        return contacts.find(clientId).map(ContactView::of);
    }

    private static Contact validated(String clientId, ContactRequest request) {
        List<RuleViolation.FieldProblem> problems = new ArrayList<>();
        String phone = null;
        if (request.phone() != null && !request.phone().isBlank()) {
            phone = PhoneNumbers.toE164(request.phone()).orElse(null);
            if (phone == null) {
                problems.add(new RuleViolation.FieldProblem("phone",
                        "must be a valid phone number in international (E.164) form, e.g. +12125550123"));
            }
        }
        String email = request.email() == null || request.email().isBlank() ? null : request.email().strip();
        if (request.channels().contains(Channel.EMAIL) && email == null) {
            problems.add(new RuleViolation.FieldProblem("email", "is required when channels include EMAIL"));
        }
        if (request.channels().contains(Channel.SMS) && (request.phone() == null || request.phone().isBlank())) {
            problems.add(new RuleViolation.FieldProblem("phone", "is required when channels include SMS"));
        }
        ZoneId zone = null;
        if (request.timeZone() != null && !request.timeZone().isBlank()) {
            try {
                zone = ZoneId.of(request.timeZone());
            } catch (DateTimeException e) {
                problems.add(new RuleViolation.FieldProblem("timeZone", "must be an IANA time zone, e.g. America/Chicago"));
            }
        }
        QuietHours quiet = null;
        if (request.quietHours() != null) {
            if (request.quietHours().start().equals(request.quietHours().end())) {
                problems.add(new RuleViolation.FieldProblem("quietHours", "start and end must differ"));
            } else {
                quiet = new QuietHours(request.quietHours().start(), request.quietHours().end());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                    problems);
        }
        return new Contact(clientId, email, phone, request.channels(),
                Boolean.TRUE.equals(request.consent().get(Channel.EMAIL)),
                Boolean.TRUE.equals(request.consent().get(Channel.SMS)), quiet, request.language(), zone, false);
    }
}
