package org.openiop.notification.delivery;

import java.time.Clock;

import org.openiop.notification.program.ProgramDetailsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Messages waiting for a program's details look again as soon as they arrive, not at their next scheduled look. */
@Component
class WaitingMessages {

    private final DeliveryRepository queue;
    private final Clock clock;

    WaitingMessages(DeliveryRepository queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @EventListener
    void programDetailsChanged(ProgramDetailsChanged changed) {
        queue.wakeWaiting(null, changed.programId(), clock.instant());
    }
}
