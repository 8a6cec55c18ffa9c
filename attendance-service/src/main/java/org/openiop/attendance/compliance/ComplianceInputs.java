package org.openiop.attendance.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.attendance.attendance.AttendanceRevision;
import org.openiop.attendance.booking.Block;
import org.openiop.attendance.booking.SessionType;
import org.openiop.attendance.compliance.ComplianceInput.BookingOutcome;
import org.openiop.attendance.compliance.ComplianceInput.BookingTimes;
import org.openiop.attendance.compliance.ComplianceInput.Discharge;
import org.openiop.attendance.compliance.ComplianceInput.EnrolmentSaved;
import org.openiop.attendance.compliance.ComplianceInput.ProgramSettings;
import org.openiop.attendance.compliance.ComplianceInput.Unused;
import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRepository.SessionRow;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.ClientUpdated;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionMissed;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;

/**
 * The one place the compliance projection meets the Avro records of its input topics: a table from record type to
 * the translation into {@link ComplianceInput}, which also validates (a session ending before it starts, an unknown
 * zone or week-start day is rejected here, with {@link EventRejectedException}, before anything is applied). A type
 * the table does not name is {@link Unused}. Adding a field to a session event means changing {@link #session} only.
 */
final class ComplianceInputs {

    private static final Map<Class<?>, Function<SpecificRecord, ComplianceInput>> TRANSLATIONS = new HashMap<>();

    static {
        on(ProgramConfigured.class, e -> new ProgramSettings(e.getEventId(), e.getProgramId(), zone(e.getTimeZone()),
                weekStart(e.getWeekStart()), e.getAdultMinimumMinutes(), e.getAdolescentMinimumMinutes(),
                e.getDailyThresholdMinutes(), e.getStepDownAllowanceWeeks()));
        on(ClientEnrolled.class, e -> new EnrolmentSaved(e.getEventId(), e.getClientId(), e.getProgramId(),
                track(e.getTrack()), e.getAdmissionDate(), e.getPlannedDischargeDate(), "ACTIVE", e.getOccurredAt(),
                e.getPhaseStepDown()));
        on(ClientUpdated.class, e -> new EnrolmentSaved(e.getEventId(), e.getClientId(), e.getProgramId(),
                track(e.getTrack()), e.getAdmissionDate(), e.getPlannedDischargeDate(), e.getStatus().name(),
                e.getOccurredAt(), e.getPhaseStepDown()));
        on(ClientDischarged.class, e -> new Discharge(e.getEventId(), e.getClientId(), e.getProgramId(),
                e.getDischargeDate()));
        on(SessionScheduled.class, e -> new BookingTimes(e.getEventId(), session(e.getBookingId(), e.getSessionId(),
                e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(), e.getEndsAt(),
                e.getTimeZone(), false)));
        on(SessionRescheduled.class, e -> new BookingTimes(e.getEventId(), session(e.getBookingId(),
                e.getSessionId(), e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(),
                e.getStartsAt(), e.getEndsAt(), e.getTimeZone(), false)));
        on(SessionCancelled.class, e -> new BookingTimes(e.getEventId(), session(e.getBookingId(), e.getSessionId(),
                e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(), e.getEndsAt(),
                e.getTimeZone(), true)));
        on(SessionAttended.class, e -> {
            int minutes = ComplianceRules.attendedMinutes(e.getStartsAt(), e.getEndsAt(), e.getCheckedInAt(),
                    e.getCheckedOutAt());
            if (e.getRecordedBy().startsWith(AttendanceRevision.TELEHEALTH_PREFIX)) {
                // video records have gaps (drop-outs): their merged minutes, never more than the clipped span
                minutes = Math.min(minutes, e.getAttendedMinutes());
            }
            return new BookingOutcome(e.getEventId(), session(e.getBookingId(), e.getSessionId(), e.getClientId(),
                    e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(), e.getEndsAt(),
                    e.getTimeZone(), false), Outcome.ATTENDED, e.getRevision(), e.getCheckedInAt(),
                    e.getCheckedOutAt(), minutes, null, false, e.getOccurredAt());
        });
        on(SessionMissed.class, e -> new BookingOutcome(e.getEventId(), session(e.getBookingId(), e.getSessionId(),
                e.getClientId(), e.getProgramId(), e.getSessionType(), e.getBlock(), e.getStartsAt(), e.getEndsAt(),
                e.getTimeZone(), false), Outcome.MISSED, e.getRevision(), null, null, 0, missedReason(e.getReason()),
                e.getAutomatic(), e.getOccurredAt()));
    }

    private ComplianceInputs() {
    }

    /**
     * The record in the projection's terms.
     *
     * @throws EventRejectedException when the record cannot be applied (its dead-letter reason)
     */
    static ComplianceInput translate(SpecificRecord record) {
        Function<SpecificRecord, ComplianceInput> translation = TRANSLATIONS.get(record.getClass());
        return translation == null ? new Unused(EventInbox.eventId(record)) : translation.apply(record);
    }

    private static <T extends SpecificRecord> void on(Class<T> type, Function<T, ComplianceInput> translation) {
        TRANSLATIONS.put(type, record -> translation.apply(type.cast(record)));
    }

    private static SessionRow session(String bookingId, String sessionId, String clientId, String programId,
            org.openiop.events.SessionType type, org.openiop.events.Block block, Instant startsAt, Instant endsAt,
            String timeZone, boolean cancelled) {
        if (!endsAt.isAfter(startsAt)) {
            throw new EventRejectedException("booking " + bookingId + " ends before it starts");
        }
        return new SessionRow(bookingId, sessionId, clientId, programId, sessionType(type).name(), block(block).name(),
                startsAt, endsAt, timeZone, null, cancelled);
    }

    /**
     * The events' track in compliance's terms: exhaustive, so a value added on either side stops the build here
     * instead of reaching the API or the rules. The same holds for the three below.
     */
    static Track track(org.openiop.events.Track track) {
        return switch (track) {
            case ADULT -> Track.ADULT;
            case ADOLESCENT -> Track.ADOLESCENT;
        };
    }

    static MissedReason missedReason(org.openiop.events.MissedReason reason) {
        return switch (reason) {
            case NO_SHOW -> MissedReason.NO_SHOW;
            case EXCUSED -> MissedReason.EXCUSED;
            case UNEXCUSED -> MissedReason.UNEXCUSED;
        };
    }

    private static SessionType sessionType(org.openiop.events.SessionType type) {
        return switch (type) {
            case GROUP -> SessionType.GROUP;
            case INDIVIDUAL -> SessionType.INDIVIDUAL;
            case FAMILY -> SessionType.FAMILY;
        };
    }

    private static Block block(org.openiop.events.Block block) {
        return switch (block) {
            case MORNING -> Block.MORNING;
            case EVENING -> Block.EVENING;
            case CUSTOM -> Block.CUSTOM;
        };
    }

    private static ZoneId zone(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown time zone " + zone);
        }
    }

    private static DayOfWeek weekStart(String day) {
        try {
            return DayOfWeek.valueOf(day.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new EventRejectedException("unknown week-start day " + day);
        }
    }
}
