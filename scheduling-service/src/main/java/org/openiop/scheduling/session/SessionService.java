package org.openiop.scheduling.session;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.ChangeReason;
import org.openiop.events.SessionModality;
import org.openiop.events.SessionType;
import org.openiop.scheduling.telehealth.JoinLinks;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.clinician.ClinicianRepository;
import org.openiop.scheduling.closure.ClosureRepository;
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
    private final ClosureRepository closures;
    private final BookingRepository bookings;
    private final BookingService bookingService;
    private final Clock clock;
    private final JoinLinks joinLinks;

    SessionService(SessionRepository sessions, ProgramRepository programs, ClinicianRepository clinicians,
            RoomRepository rooms, ClosureRepository closures, BookingRepository bookings,
            BookingService bookingService, Clock clock, JoinLinks joinLinks) {
        this.joinLinks = joinLinks;
        this.sessions = sessions;
        this.programs = programs;
        this.clinicians = clinicians;
        this.rooms = rooms;
        this.closures = closures;
        this.bookings = bookings;
        this.bookingService = bookingService;
        this.clock = clock;
    }

    /** The session's shape as asked for; shared by one-off sessions and series occurrences. */
    public record Plan(SessionType type, SessionSlot slot, Integer capacity, String topic, UUID clinicianId,
            UUID roomId) {
    }

    @Transactional
    public SessionView create(UUID programId, SessionRequests.Create r) {
        Program program = programs.get(programId, "programId");
        SessionModality modality = r.modality() == null ? SessionModality.IN_PERSON : r.modality();
        java.net.URI joinUrl = JoinLinks.checkedUrl(modality, r.joinUrl());
        SessionSlot slot = SessionSlot.resolve(program, r.block(), r.startTime(), r.endTime());
        SessionView created = create(program, r.date(), new Plan(r.type(), slot, r.capacity(), r.topic(),
                r.clinicianId(), r.roomId()));
        if (modality == SessionModality.IN_PERSON) {
            return created;
        }
        sessions.setModality(created.id(), modality);
        joinLinks.set(created.id(), joinUrl);
        return sessions.get(created.id(), "sessionId");
    }

    @Transactional
    public SessionView create(Program program, LocalDate date, Plan plan) {
        int capacity = capacity(program, plan);
        if (plan.type() != SessionType.GROUP && plan.topic() != null) {
            throw RuleViolation.invalid("topic", "only group sessions have a topic");
        }
        programs.shareLock(program.id());
        ProgramCalendar.Interval interval = plan.slot().on(date, program.calendar());
        requireOpenAndAhead(program, date, interval);
        if (plan.clinicianId() != null) {
            clinicians.activeIn(program.id(), plan.clinicianId());
        }
        if (plan.roomId() != null) {
            rooms.usableIn(program.id(), plan.roomId(), capacity);
        }
        UUID id = UUID.randomUUID();
        sessions.insert(id, program.id(), plan.type(), date, plan.slot(), interval, capacity, plan.topic(),
                plan.clinicianId(), plan.roomId());
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
        List<BookedSeat> seats = bookings.bookedInSession(sessionId);
        bookingService.cancelSeats(seats, reason, note);
        sessions.markCancelled(sessionId, reason, note);
        return seats.size();
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
        List<BookedSeat> before = bookings.bookedInSession(sessionId);
        sessions.move(sessionId, r.date(), slot, interval);
        bookings.followSession(sessionId);
        bookingService.announceMoved(before, r.reason() == null ? ChangeReason.OTHER : r.reason());
        return sessions.get(sessionId, "sessionId");
    }

    private void requireOpenAndAhead(Program program, LocalDate date, ProgramCalendar.Interval interval) {
        if (!interval.start().isAfter(clock.instant())) {
            throw RuleViolation.unprocessable("session-in-past", "date", "the session would start in the past");
        }
        closures.covering(program.id(), date).ifPresent(c -> {
            throw RuleViolation.unprocessable("program-closed", "date", "the program is closed on " + date);
        });
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
