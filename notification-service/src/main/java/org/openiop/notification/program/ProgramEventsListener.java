package org.openiop.notification.program;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ProgramConfigured;
import org.openiop.notification.delivery.DeliveryQueue;
import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each program's time zone, location label and phone, the only program facts texts may carry. Spring Kafka
 * routes each record to the handler of its type.
 */
@Component
@KafkaListener(topics = "#{@topics.programs()}")
class ProgramEventsListener {

    private final EventInbox inbox;
    private final ProgramDirectory programs;
    private final DeliveryQueue queue;
    private final Clock clock;

    ProgramEventsListener(EventInbox inbox, ProgramDirectory programs, DeliveryQueue queue, Clock clock) {
        this.inbox = inbox;
        this.programs = programs;
        this.queue = queue;
        this.clock = clock;
    }

    @KafkaHandler
    void configured(ProgramConfigured configured) {
        try {
            ZoneId.of(configured.getTimeZone());
        } catch (DateTimeException e) {
            throw new EventRejectedException("unknown time zone " + configured.getTimeZone());
        }
        inbox.applyOnce("notification", configured, () -> {
            programs.configured(configured.getProgramId(), configured.getTimeZone(), configured.getLocationLabel(),
                    configured.getPhone(), configured.getName(), configured.getOccurredAt());
            queue.wakeWaiting(null, configured.getProgramId(), clock.instant());
        });
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }
}
