package org.openiop.notification.reminder;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.openiop.backbone.kafka.EventRejectedException;

/**
 * The one translation of scheduling's session events (SessionScheduled, SessionRescheduled, SessionCancelled) into
 * notification's own {@link ReminderScheduling.SessionChange}, with the checks the consumer relies on. Every session
 * event carries the same session fields under the same names (the schemas' convention), so they are read here once,
 * by name, for all three; a field only one event has is read by that event's handler. An event breaking a check can
 * never be applied and goes to the DLT ({@link EventRejectedException}).
 */
final class SessionEvents {

    private SessionEvents() {
    }

    static ReminderScheduling.SessionChange change(SpecificRecordBase event) {
        String bookingId = field(event, "bookingId", String.class);
        Instant startsAt = field(event, "startsAt", Instant.class);
        Instant endsAt = field(event, "endsAt", Instant.class);
        if (!endsAt.isAfter(startsAt)) {
            throw new EventRejectedException("booking " + bookingId + " ends before it starts");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(field(event, "timeZone", String.class));
        } catch (DateTimeException e) {
            throw new EventRejectedException("booking " + bookingId + " has an unknown time zone");
        }
        return new ReminderScheduling.SessionChange(bookingId, field(event, "clientId", String.class),
                field(event, "programId", String.class), field(event, "sessionId", String.class), startsAt, endsAt,
                zone, field(event, "occurredAt", Instant.class));
    }

    private static <T> T field(SpecificRecordBase event, String name, Class<T> type) {
        Schema.Field field = event.getSchema().getField(name);
        Object value = field == null ? null : event.get(field.pos());
        if (!type.isInstance(value)) {
            throw new EventRejectedException(event.getSchema().getName() + " has no " + type.getSimpleName() + " "
                    + name);
        }
        return type.cast(value);
    }
}
