package org.openiop.scheduling.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.clinician.ClinicianRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.room.RoomRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, cancels and moves sessions; clinician and room double-booking is refused by PostgreSQL. */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final ProgramRepository programs;
    private final ClinicianRepository clinicians;
    private final RoomRepository rooms;
    private final ClosedDays closedDays;
    private final SessionSeats seats;
    private final Clock clock;
    private final SessionJoinLinks joinLinks;
    private final LateEntryPolicy lateEntries;
    private final AuditTrail audit;

    /** Closed days, seats and join links through this package's interfaces (their owners depend on this one). */
    SessionService(SessionRepository sessions, ProgramRepository programs, ClinicianRepository clinicians,
            RoomRepository rooms, ClosedDays closedDays, SessionSeats seats, Clock clock, SessionJoinLinks joinLinks,
            LateEntryPolicy lateEntries, AuditTrail audit) {
        this.lateEntries = lateEntries;
        this.audit = audit;
        this.joinLinks = joinLinks;
        this.sessions = sessions;
        this.programs = programs;
        this.clinicians = clinicians;
        this.rooms = rooms;
        this.closedDays = closedDays;
        this.seats = seats;
        this.clock = clock;
    }

    /** The session's shape as asked for; shared by one-off sessions and series occurrences. */
    public record Plan(SessionType type, SessionSlot slot, Integer capacity, String topic, UUID clinicianId,
            UUID roomId) {
    }

    @Transactional
    public SessionView create(UUID programId, SessionRequests.Create r) {
        Program program = programs.get(programId, "programId");
        Modality modality = r.modality() == null ? Modality.IN_PERSON : r.modality();
        java.net.URI joinUrl = joinLinks.checked(modality, r.joinUrl());
        SessionSlot slot = SessionSlot.resolve(program, r.block(), r.startTime(), r.endTime());
        Plan plan = new Plan(r.type(), slot, r.capacity(), r.topic(), r.clinicianId(), r.roomId());
        ProgramCalendar.Interval interval = slot.on(r.date(), program.calendar());
        LateEntryPolicy.LateEntry late = lateEntries.check(interval.start(), r.lateEntryReason(), "date",
                "session-in-past");
        SessionView created = late == null ? create(program, r.date(), plan) : createLate(program, r.date(), plan, late);
        if (modality == Modality.IN_PERSON) {
            return created;
        }
        sessions.setModality(created.id(), modality);
        joinLinks.set(created.id(), joinUrl);
        return sessions.get(created.id(), "sessionId");
    }

    @Transactional
    public SessionView create(Program program, LocalDate date, Plan plan) {
        return insert(program, date, plan, null);
    }

    /** A session that already took place, entered afterwards: same rules as any session, except that it has started. */
    private SessionView createLate(Program program, LocalDate date, Plan plan, LateEntryPolicy.LateEntry late) {
        SessionView session = insert(program, date, plan, late);
        audit.record("CHANGE", "session", null, "late entry of session " + session.id() + " on " + date + ": "
                + late.reason());
        return session;
    }

    private SessionView insert(Program program, LocalDate date, Plan plan, LateEntryPolicy.LateEntry late) {
        int capacity = capacity(program, plan);
        if (plan.type() != SessionType.GROUP && plan.topic() != null) {
            throw RuleViolation.invalid("topic", "only group sessions have a topic");
        }
        programs.shareLock(program.id());
        ProgramCalendar.Interval interval = plan.slot().on(date, program.calendar());
        if (late == null) {
            requireOpenAndAhead(program, date, interval);
        } else {
            requireOpen(program, date);
        }
        if (plan.clinicianId() != null) {
            clinicians.activeIn(program.id(), plan.clinicianId());
        }
        if (plan.roomId() != null) {
            rooms.usableIn(program.id(), plan.roomId(), capacity);
        }
        UUID id = UUID.randomUUID();
        sessions.insert(id, program.id(), plan.type(), date, plan.slot(), interval, capacity, plan.topic(),
                plan.clinicianId(), plan.roomId());
        if (late != null) {
            sessions.markLateEntry(id, late);
        }
        return sessions.get(id, "sessionId");
    }

    /** Cancels the session and each of its bookings (one SessionCancelled per booking). */
    @Transactional
    public int cancel(UUID sessionId, ChangeReason reason, String note) {
        programs.shareLock(sessions.get(sessionId, "sessionId").programId());
        SessionView session = sessions.lock(sessionId);
        if (!"SCHEDULED".equals(session.status())) {
            throw RuleViolation.conflict("session-cancelled", "Session " + sessionId + " is already cancelled");
        }
        int cancelled = seats.cancelAll(sessionId, reason, note);
        sessions.markCancelled(sessionId, reason, note);
        return cancelled;
    }

    /** Moves the session and every seat in it; each seat's rules are re-checked and each gets a SessionRescheduled. */
    @Transactional
    public SessionView reschedule(UUID sessionId, SessionRequests.Reschedule r) {
        programs.shareLock(sessions.get(sessionId, "sessionId").programId());
        SessionView session = sessions.lock(sessionId);
        if (!"SCHEDULED".equals(session.status())) {
            throw RuleViolation.conflict("session-cancelled", "Session " + sessionId + " is cancelled");
        }
        Program program = programs.get(session.programId(), "programId");
        SessionSlot slot = SessionSlot.resolve(program, r.block(), r.startTime(), r.endTime());
        ProgramCalendar.Interval interval = slot.on(r.date(), program.calendar());
        requireOpenAndAhead(program, r.date(), interval);
        seats.moveWith(sessionId, () -> sessions.move(sessionId, r.date(), slot, interval),
                r.reason() == null ? ChangeReason.OTHER : r.reason());
        return sessions.get(sessionId, "sessionId");
    }

    private void requireOpenAndAhead(Program program, LocalDate date, ProgramCalendar.Interval interval) {
        if (!interval.start().isAfter(clock.instant())) {
            throw RuleViolation.unprocessable("session-in-past", "date", "the session would start in the past");
        }
        requireOpen(program, date);
    }

    private void requireOpen(Program program, LocalDate date) {
        if (closedDays.closed(program.id(), date)) {
            throw RuleViolation.unprocessable("program-closed", "date", "the program is closed on " + date);
        }
    }

    private static int capacity(Program program, Plan plan) {
        if (plan.type() == SessionType.GROUP) {
            return plan.capacity() != null ? plan.capacity() : program.defaultGroupCapacity();
        }
        if (plan.capacity() != null && plan.capacity() != 1) {
            throw RuleViolation.invalid("capacity", "an individual or family session seats exactly one client");
        }
        return 1;
    }
}
