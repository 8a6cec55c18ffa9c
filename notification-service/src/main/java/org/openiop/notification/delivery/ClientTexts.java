package org.openiop.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactRepository;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramRepository;
import org.openiop.notification.program.ProgramSettings;
import org.springframework.stereotype.Component;

/**
 * A text pointing a client to their page (a make-up offer, a held seat), and what that page shows of the client and
 * the program. The text goes once per channel the program uses and the client prefers, outside the client's quiet
 * hours (but not past {@code latest}); a channel the client cannot receive is recorded SKIPPED with the reason.
 */
@Component
public class ClientTexts {

    private final DeliveryRepository queue;
    private final ProgramRepository programs;
    private final ContactRepository contacts;
    private final Clock clock;

    ClientTexts(DeliveryRepository queue, ProgramRepository programs, ContactRepository contacts, Clock clock) {
        this.queue = queue;
        this.programs = programs;
        this.contacts = contacts;
        this.clock = clock;
    }

    /** What the text is about: {@code reference} is also its occasion (one text per reference, kind and channel). */
    public record Text(String reference, String kind, String clientId, String programId, Instant sessionStartsAt,
            Instant sessionEndsAt, String timeZone, Map<String, String> details) {
    }

    /** Queues the text now, or when the client's quiet hours end if that is before {@code latest}. */
    public void queue(Text text, Instant latest) {
        ProgramSettings settings = programs.settings(text.programId());
        Optional<Contact> contact = contacts.find(text.clientId());
        ZoneId zone = ZoneId.of(text.timeZone());
        Instant now = clock.instant();
        Instant due = contact.map(c -> c.sendPromptly(now, latest, zone)).orElse(now);
        for (Channel channel : settings.channels()) {
            if (contact.isEmpty() || contact.get().channels().contains(channel)) {
                NewDelivery delivery = new NewDelivery(text.reference(), text.kind(), channel, text.reference(),
                        Audience.CLIENT, text.clientId(), text.programId(), null, null, text.sessionStartsAt(),
                        text.sessionEndsAt(), text.timeZone(), 0, text.details(), due);
                Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(channel));
                if (cannot.isPresent()) {
                    queue.enqueueSkipped(delivery, cannot.get());
                } else {
                    queue.enqueueOnce(delivery);
                }
            }
        }
    }

    /** The client's own time zone, or null to show each appointment in its program's. */
    public ZoneId ownZone(String clientId) {
        return contacts.find(clientId).map(Contact::timeZone).orElse(null);
    }

    /** A program's neutral location label, or null while the program is not known. */
    public String place(String programId) {
        return programs.find(programId).map(Program::locationLabel).orElse(null);
    }
}
