package org.openiop.notification.clientlink;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactChanged;
import org.openiop.notification.contact.ContactRepository;
import org.openiop.notification.contact.ContactRequest;
import org.openiop.notification.contact.QuietHours;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a client reaches through their link: their own appointments and reminder preferences, audited. */
@Service
class ClientPortal {

    private final ClientBookings bookings;
    private final ProgramRepository programs;
    private final ContactRepository contacts;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    private final JoinLinksNow joinLinks;

    ClientPortal(ClientBookings bookings, ProgramRepository programs, ContactRepository contacts, AuditTrail audit,
            ApplicationEventPublisher events, Clock clock, JoinLinksNow joinLinks) {
        this.joinLinks = joinLinks;
        this.bookings = bookings;
        this.programs = programs;
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Appointment> appointments(String clientId, String resource) {
        audit.read(resource, clientId);
        ZoneId own = contacts.find(clientId).map(Contact::timeZone).orElse(null);
        Map<String, String> places = new HashMap<>(); // the program's neutral location label, null if unknown
        List<Appointment> appointments = new ArrayList<>();
        for (ClientBookings.Booked b : bookings.notOver(clientId, clock.instant(), 100)) {
            ZoneId zone = own != null ? own : b.timeZone();
            ZonedDateTime start = b.startsAt().atZone(zone);
            ZonedDateTime end = b.endsAt().atZone(zone);
            String place = places.computeIfAbsent(b.programId(),
                    p -> programs.find(p).map(Program::locationLabel).orElse(null));
            appointments.add(new Appointment(b.bookingId(), start.toLocalDate(), start.toLocalTime(),
                    end.toLocalTime(), start.toInstant(), end.toInstant(), zone.getId(), place,
                    joinLinks.openNow(b.bookingId(), start.toInstant(), end.toInstant()).orElse(null)));
        }
        return appointments;
    }

    @Transactional
    Preferences preferences(String clientId) {
        audit.read("reminder-preferences", clientId);
        return view(contact(clientId));
    }

    @Transactional
    Preferences change(String clientId, PreferencesChange change) {
        Contact current = contact(clientId);
        List<RuleViolation.FieldProblem> problems = new ArrayList<>();
        if (change.email() && current.email() == null) {
            problems.add(new RuleViolation.FieldProblem("email",
                    "no email address is on file: please call us to add one"));
        }
        if (change.sms() && current.phone() == null) {
            problems.add(new RuleViolation.FieldProblem("sms",
                    "no mobile number is on file: please call us to add one"));
        }
        if (change.quietHours() != null && change.quietHours().start().equals(change.quietHours().end())) {
            problems.add(new RuleViolation.FieldProblem("quietHours", "start and end must differ"));
        }
        if (!problems.isEmpty()) {
            throw new RuleViolation(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                    problems);
        }
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (change.email()) {
            channels.add(Channel.EMAIL);
        }
        if (change.sms()) {
            channels.add(Channel.SMS);
            // Turning texts on from one's own link is as clear as replying START: the STOP block is lifted.
            contacts.optBackIn(current.phone());
        }
        QuietHours quiet = change.quietHours() == null ? null
                : new QuietHours(change.quietHours().start(), change.quietHours().end());
        contacts.save(new Contact(clientId, current.email(), current.phone(), channels, change.email(), change.sms(),
                quiet, change.language(), current.timeZone(), false), clock.instant());
        audit.change("reminder-preferences", clientId, "changed by the client: email " + change.email() + ", sms "
                + change.sms() + ", quiet hours " + (quiet == null ? "none" : quiet.start() + "-" + quiet.end())
                + ", language " + change.language());
        events.publishEvent(new ContactChanged(clientId));
        return view(contacts.find(clientId).orElseThrow());
    }

    private Contact contact(String clientId) {
        Optional<Contact> contact = contacts.find(clientId);
        return contact.orElseThrow(() -> new RuleViolation(HttpStatus.NOT_FOUND, "no-contact",
                "No contact details are on file yet: please call us.", List.of()));
    }

    private static Preferences view(Contact c) {
        return new Preferences(c.channels().contains(Channel.EMAIL) && c.emailConsent(),
                c.channels().contains(Channel.SMS) && c.consents(Channel.SMS), c.email() != null, c.phone() != null,
                c.smsOptedOut(), c.quietHours() == null ? null
                        : new ContactRequest.QuietHoursRequest(c.quietHours().start(), c.quietHours().end()),
                c.language());
    }
}
