package org.openiop.attendance.booking;

import java.time.Instant;
import java.time.ZoneId;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.SessionModality;

/**
 * The one translation of scheduling's session events (SessionScheduled, SessionRescheduled, SessionCancelled) into
 * this package's {@link Booking}, with the checks the consumer relies on. Every session event carries the same
 * session fields under the same names (the schemas' convention), so they are read here once, by name, for all three;
 * a field only one event has (SessionScheduled's late entry) is passed in by that event's handler. An event breaking
 * a check can never be applied and goes to the DLT ({@link EventRejectedException}). The events' Avro enums become
 * attendance's own {@link SessionType}, {@link Block} and {@link Modality} here and nowhere else.
 */
final class BookingEvents {

    private BookingEvents() {
    }

    static Booking booking(SpecificRecordBase event, boolean cancelled, Booking.LateEntry lateEntry) {
        Instant startsAt = field(event, "startsAt", Instant.class);
        return new Booking(field(event, "bookingId", String.class), field(event, "sessionId", String.class),
                field(event, "clientId", String.class), field(event, "programId", String.class),
                sessionType(field(event, "sessionType", org.openiop.events.SessionType.class)),
                block(field(event, "block", org.openiop.events.Block.class)), startsAt,
                checkedEnd(startsAt, field(event, "endsAt", Instant.class)),
                zone(field(event, "timeZone", String.class)), cancelled, false, lateEntry);
    }

    /**
     * The events' session type in attendance's terms: exhaustive, so a value added on either side stops the build
     * here instead of reaching the API or the rules.
     */
    static SessionType sessionType(org.openiop.events.SessionType type) {
        return switch (type) {
            case GROUP -> SessionType.GROUP;
            case INDIVIDUAL -> SessionType.INDIVIDUAL;
            case FAMILY -> SessionType.FAMILY;
        };
    }

    /** Exhaustive like {@link #sessionType}. */
    static Block block(org.openiop.events.Block block) {
        return switch (block) {
            case MORNING -> Block.MORNING;
            case EVENING -> Block.EVENING;
            case CUSTOM -> Block.CUSTOM;
        };
    }

    /** Exhaustive like {@link #sessionType}. */
    static Modality modality(SessionModality modality) {
        return switch (modality) {
            case IN_PERSON -> Modality.IN_PERSON;
            case TELEHEALTH -> Modality.TELEHEALTH;
            case HYBRID -> Modality.HYBRID;
        };
    }

    static Instant checkedEnd(Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new EventRejectedException("session ends " + end + " not after it starts " + start);
        }
        return end;
    }

    static String zone(String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown time zone " + zone);
        }
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
