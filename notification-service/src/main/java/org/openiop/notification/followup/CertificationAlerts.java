package org.openiop.notification.followup;

import java.time.Clock;
import java.util.Map;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryRepository;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ProgramRepository;
import org.openiop.notification.program.ProgramSettings;
import org.springframework.stereotype.Service;

/**
 * Tells a program's staff that a client's certification of need must be renewed by a date. One email per client,
 * program and due date: the inbox drops a redelivered event and the queue's unique key (reference, kind, channel,
 * occasion = due date) drops a second event for the same due date.
 */
@Service
class CertificationAlerts {

    /** Staff-only template: the program, dates and a link; no client name or id, no clinical words. */
    static final String KIND = "STAFF_CERTIFICATION_DUE";

    private final DeliveryRepository queue;
    private final ProgramRepository programs;
    private final AlertLinks links;
    private final Clock clock;

    CertificationAlerts(DeliveryRepository queue, ProgramRepository programs, AlertLinks links, Clock clock) {
        this.queue = queue;
        this.programs = programs;
        this.links = links;
        this.clock = clock;
    }

    boolean due(CertificationDueNotice e) {
        ProgramSettings settings = programs.settings(e.programId());
        Map<String, String> details = Map.of("due", e.dueDate().toString(),
                "certified", e.certifiedOn().toString(), "link", links.clients(e.programId()),
                "reason", "certification due " + e.dueDate());
        return queue.enqueueOnce(new NewDelivery(e.clientId() + "/" + e.programId(), KIND, Channel.EMAIL,
                e.dueDate().toString(), Audience.STAFF, e.clientId(), e.programId(), null,
                String.join(",", settings.staffAlertEmails()), null, null, null, 0, details, clock.instant()));
    }
}
