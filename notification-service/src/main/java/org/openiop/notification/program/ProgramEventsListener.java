package org.openiop.notification.program;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ProgramConfigured;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ProgramRepository programs;
    private final ApplicationEventPublisher events;

    ProgramEventsListener(EventInbox inbox, ProgramRepository programs, ApplicationEventPublisher events) {
        this.inbox = inbox;
        this.programs = programs;
        this.events = events;
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
            events.publishEvent(new ProgramDetailsChanged(configured.getProgramId()));
        });
    }

    /** Other events on the topic concern other consumers. */
    @KafkaHandler(isDefault = true)
    void other(Object event) {
    }
}
