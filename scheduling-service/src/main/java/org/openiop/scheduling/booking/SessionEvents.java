package org.openiop.scheduling.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.openiop.events.Block;
import org.openiop.events.LateEntry;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionModality;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionType;
import org.springframework.stereotype.Component;

/**
 * Builds the session lifecycle events of one seat: identifiers, times and codes only, never names or topics. The one
 * place scheduling's session vocabulary (type, block, modality, reason) becomes the events' Avro types.
 */
@Component
public class SessionEvents {

    private final Clock clock;

    SessionEvents(Clock clock) {
        this.clock = clock;
    }

    public SessionScheduled scheduled(BookedSeat seat) {
        return SessionScheduled.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
                .setClientId(seat.clientId().toString()).setProgramId(seat.programId().toString())
                .setBookingId(seat.bookingId().toString()).setSessionId(seat.sessionId().toString())
                .setSessionType(event(seat.sessionType())).setBlock(eventBlock(seat.block()))
                .setStartsAt(seat.startsAt()).setEndsAt(seat.endsAt()).setTimeZone(seat.timeZone())
                .setSeriesId(seat.seriesId() == null ? null : seat.seriesId().toString())
                .setModality(event(seat.modality())).setLateEntry(seat.lateEntry() == null ? null
                        : LateEntry.newBuilder().setEnteredBy(seat.lateEntry().enteredBy())
                                .setEnteredAt(seat.lateEntry().enteredAt())
                                .setSessionEnteredLate(seat.sessionLateEntry()).build())
                .build();
    }

    SessionCancelled cancelled(BookedSeat seat, ChangeReason reason) {
        return SessionCancelled.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(clock.instant())
                .setClientId(seat.clientId().toString()).setProgramId(seat.programId().toString())
                .setBookingId(seat.bookingId().toString()).setSessionId(seat.sessionId().toString())
                .setSessionType(event(seat.sessionType())).setBlock(eventBlock(seat.block()))
                .setStartsAt(seat.startsAt()).setEndsAt(seat.endsAt()).setTimeZone(seat.timeZone())
                .setReason(event(reason)).build();
    }

    SessionRescheduled rescheduled(BookedSeat now, Instant previousStart, Instant previousEnd, ChangeReason reason) {
        return SessionRescheduled.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant()).setClientId(now.clientId().toString())
                .setProgramId(now.programId().toString()).setBookingId(now.bookingId().toString())
                .setSessionId(now.sessionId().toString()).setSessionType(event(now.sessionType()))
                .setBlock(eventBlock(now.block())).setStartsAt(now.startsAt())
                .setEndsAt(now.endsAt()).setTimeZone(now.timeZone()).setPreviousStartsAt(previousStart)
                .setPreviousEndsAt(previousEnd).setReason(event(reason)).build();
    }

    /**
     * The one translation of scheduling's reason to the events' Avro enum: exhaustive, so a value added on either
     * side stops the build here instead of reaching the API or the rules.
     */
    static org.openiop.events.ChangeReason event(ChangeReason reason) {
        return switch (reason) {
            case CLIENT_REQUEST -> org.openiop.events.ChangeReason.CLIENT_REQUEST;
            case CLINICIAN_UNAVAILABLE -> org.openiop.events.ChangeReason.CLINICIAN_UNAVAILABLE;
            case PROGRAM_CLOSURE -> org.openiop.events.ChangeReason.PROGRAM_CLOSURE;
            case SESSION_CANCELLED -> org.openiop.events.ChangeReason.SESSION_CANCELLED;
            case CLIENT_DISCHARGED -> org.openiop.events.ChangeReason.CLIENT_DISCHARGED;
            case SERIES_CHANGED -> org.openiop.events.ChangeReason.SERIES_CHANGED;
            case OTHER -> org.openiop.events.ChangeReason.OTHER;
        };
    }

    /** Exhaustive like {@link #event(ChangeReason)}. */
    static org.openiop.events.SessionType event(SessionType type) {
        return switch (type) {
            case GROUP -> org.openiop.events.SessionType.GROUP;
            case INDIVIDUAL -> org.openiop.events.SessionType.INDIVIDUAL;
            case FAMILY -> org.openiop.events.SessionType.FAMILY;
        };
    }

    /** Exhaustive like {@link #event(ChangeReason)}. */
    static SessionModality event(Modality modality) {
        return switch (modality) {
            case IN_PERSON -> SessionModality.IN_PERSON;
            case TELEHEALTH -> SessionModality.TELEHEALTH;
            case HYBRID -> SessionModality.HYBRID;
        };
    }

    /**
     * The block as events know it: the two standard ones by name, any other (a program's own block name, or none) as
     * CUSTOM. Scheduling itself keeps the block's name.
     */
    static Block eventBlock(String name) {
        if ("MORNING".equals(name)) {
            return Block.MORNING;
        }
        return "EVENING".equals(name) ? Block.EVENING : Block.CUSTOM;
    }
}
