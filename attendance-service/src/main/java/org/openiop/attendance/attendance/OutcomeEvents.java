package org.openiop.attendance.attendance;

import java.time.Instant;
import java.util.UUID;

import org.openiop.attendance.booking.Block;
import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.booking.SessionType;
import org.openiop.attendance.compliance.MissedReason;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionMissed;

/**
 * Builds the outcome events of one revision (SessionAttended, SessionMissed): the one place attendance's session
 * vocabulary (type, block, missed reason) becomes the events' Avro types.
 */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    static SessionAttended attended(Booking booking, AttendanceRevision r, Instant now) {
        return SessionAttended.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setClientId(booking.clientId()).setProgramId(booking.programId())
                .setBookingId(booking.bookingId()).setSessionId(booking.sessionId())
                .setSessionType(event(booking.sessionType())).setBlock(event(booking.block()))
                .setStartsAt(booking.startsAt()).setEndsAt(booking.endsAt()).setTimeZone(booking.timeZone())
                .setCheckedInAt(r.checkedInAt()).setCheckedOutAt(r.checkedOutAt())
                .setAttendedMinutes(r.attendedMinutes()).setRevision(r.revision()).setRecordedBy(r.recordedBy())
                .build();
    }

    static SessionMissed missed(Booking booking, AttendanceRevision r, Instant now) {
        return SessionMissed.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setClientId(booking.clientId()).setProgramId(booking.programId())
                .setBookingId(booking.bookingId()).setSessionId(booking.sessionId())
                .setSessionType(event(booking.sessionType())).setBlock(event(booking.block()))
                .setStartsAt(booking.startsAt()).setEndsAt(booking.endsAt()).setTimeZone(booking.timeZone())
                .setReason(event(r.missedReason())).setAutomatic(r.automatic()).setRevision(r.revision())
                .setRecordedBy(r.recordedBy()).build();
    }

    /**
     * Attendance's session type as the events spell it: exhaustive, so a value added on either side stops the build
     * here instead of reaching the API or the rules.
     */
    static org.openiop.events.SessionType event(SessionType type) {
        return switch (type) {
            case GROUP -> org.openiop.events.SessionType.GROUP;
            case INDIVIDUAL -> org.openiop.events.SessionType.INDIVIDUAL;
            case FAMILY -> org.openiop.events.SessionType.FAMILY;
        };
    }

    /** Exhaustive like {@link #event(SessionType)}. */
    static org.openiop.events.Block event(Block block) {
        return switch (block) {
            case MORNING -> org.openiop.events.Block.MORNING;
            case EVENING -> org.openiop.events.Block.EVENING;
            case CUSTOM -> org.openiop.events.Block.CUSTOM;
        };
    }

    /** Exhaustive like {@link #event(SessionType)}. */
    static org.openiop.events.MissedReason event(MissedReason reason) {
        return switch (reason) {
            case NO_SHOW -> org.openiop.events.MissedReason.NO_SHOW;
            case EXCUSED -> org.openiop.events.MissedReason.EXCUSED;
            case UNEXCUSED -> org.openiop.events.MissedReason.UNEXCUSED;
        };
    }
}
