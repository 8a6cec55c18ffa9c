package org.openiop.attendance.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.openiop.events.Block;
import org.openiop.events.ChangeReason;
import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.EnrolmentStatus;
import org.openiop.events.ClientUpdated;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.events.Track;

/** Events as scheduling-service would publish them, with fresh ids. */
public final class TestEvents {

    public static final String ZONE = "America/New_York";

    private TestEvents() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    public static ProgramConfigured program(String programId, String weekStart, int graceMinutes) {
        return ProgramConfigured.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setProgramId(programId)
                .setTimeZone(ZONE).setWeekStart(weekStart).setAdultMinimumMinutes(540)
                .setAdolescentMinimumMinutes(360).setNoShowGraceMinutes(graceMinutes).setDailyThresholdMinutes(180)
                .setStepDownAllowanceWeeks(2).setLocationLabel("Site A").setPhone("+15550100").build();
    }

    public static ClientEnrolled enrolled(String clientId, String programId, Track track, LocalDate admission) {
        return ClientEnrolled.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setClientId(clientId)
                .setProgramId(programId).setTrack(track).setAdmissionDate(admission).setPlannedDischargeDate(null)
                .setPhaseSessionsPerWeek(3).setPhaseStepDown(false).build();
    }

    public static ClientUpdated updated(String clientId, String programId, Track track, LocalDate admission) {
        return ClientUpdated.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setClientId(clientId)
                .setProgramId(programId).setTrack(track).setAdmissionDate(admission).setPlannedDischargeDate(null)
                .setPhaseSessionsPerWeek(3).setPhaseStepDown(false).setStatus(EnrolmentStatus.ACTIVE).build();
    }

    public static ClientDischarged discharged(String clientId, String programId, LocalDate date) {
        return ClientDischarged.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setClientId(clientId)
                .setProgramId(programId).setDischargeDate(date).build();
    }

    public static SessionScheduled scheduled(String clientId, String programId, String bookingId, String sessionId,
            Instant startsAt, Instant endsAt) {
        return SessionScheduled.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setClientId(clientId)
                .setProgramId(programId).setBookingId(bookingId).setSessionId(sessionId)
                .setSessionType(SessionType.GROUP).setBlock(Block.MORNING).setStartsAt(startsAt).setEndsAt(endsAt)
                .setTimeZone(ZONE).setSeriesId(null).build();
    }

    public static SessionRescheduled rescheduled(SessionScheduled s, Instant startsAt, Instant endsAt) {
        return SessionRescheduled.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(s.getClientId()).setProgramId(s.getProgramId()).setBookingId(s.getBookingId())
                .setSessionId(s.getSessionId()).setSessionType(s.getSessionType()).setBlock(s.getBlock())
                .setStartsAt(startsAt).setEndsAt(endsAt).setTimeZone(s.getTimeZone())
                .setPreviousStartsAt(s.getStartsAt()).setPreviousEndsAt(s.getEndsAt())
                .setReason(ChangeReason.CLIENT_REQUEST).build();
    }

    public static SessionCancelled cancelled(SessionScheduled s) {
        return SessionCancelled.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(s.getClientId()).setProgramId(s.getProgramId()).setBookingId(s.getBookingId())
                .setSessionId(s.getSessionId()).setSessionType(s.getSessionType()).setBlock(s.getBlock())
                .setStartsAt(s.getStartsAt()).setEndsAt(s.getEndsAt()).setTimeZone(s.getTimeZone())
                .setReason(ChangeReason.CLIENT_REQUEST).build();
    }

    public static SessionAttended attended(SessionScheduled s, Instant in, Instant out, int minutes, int revision) {
        return SessionAttended.newBuilder().setEventId(id()).setOccurredAt(Instant.now())
                .setClientId(s.getClientId()).setProgramId(s.getProgramId()).setBookingId(s.getBookingId())
                .setSessionId(s.getSessionId()).setSessionType(s.getSessionType()).setBlock(s.getBlock())
                .setStartsAt(s.getStartsAt()).setEndsAt(s.getEndsAt()).setTimeZone(s.getTimeZone())
                .setCheckedInAt(in).setCheckedOutAt(out).setAttendedMinutes(minutes).setRevision(revision)
                .setRecordedBy("staff").build();
    }
}
