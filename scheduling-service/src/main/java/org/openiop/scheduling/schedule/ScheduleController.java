package org.openiop.scheduling.schedule;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.clinician.ClinicianRepository;
import org.openiop.scheduling.closure.ClosureRepository;
import org.openiop.scheduling.enrolment.Enrolment;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.room.RoomRepository;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Read models for the day's work: the week board, people's and rooms' schedules, planned hours against the minimum. */
@RestController
class ScheduleController {

    private static final int BOARD_LIMIT = 1000;

    private final ProgramRepository programs;
    private final SessionRepository sessions;
    private final BookingRepository bookings;
    private final EnrolmentRepository enrolments;
    private final ClinicianRepository clinicians;
    private final RoomRepository rooms;
    private final ClosureRepository closures;
    private final AuditTrail audit;
    private final Clock clock;

    ScheduleController(ProgramRepository programs, SessionRepository sessions, BookingRepository bookings,
            EnrolmentRepository enrolments, ClinicianRepository clinicians, RoomRepository rooms,
            ClosureRepository closures, AuditTrail audit, Clock clock) {
        this.programs = programs;
        this.sessions = sessions;
        this.bookings = bookings;
        this.enrolments = enrolments;
        this.clinicians = clinicians;
        this.rooms = rooms;
        this.closures = closures;
        this.audit = audit;
        this.clock = clock;
    }

    /** The program week containing {@code date} (default: this week), days by blocks. */
    @GetMapping("/api/programs/{programId}/week-board")
    WeekBoard weekBoard(@PathVariable UUID programId, @RequestParam(required = false) LocalDate date) {
        Program program = programs.get(programId, "programId");
        ProgramCalendar.Week week = program.calendar()
                .weekOf(date != null ? date : program.calendar().today(clock.instant()));
        List<SessionView> inWeek = sessions.onDays(programId, week.firstDay(), week.lastDay(), BOARD_LIMIT, 0);
        var closed = closures.between(programId, week.firstDay(), week.lastDay());
        return WeekBoard.build(program, week.firstDay(), inWeek, day -> closed.stream().anyMatch(c -> c.covers(day)));
    }

    record ClientSeat(UUID bookingId, UUID sessionId, UUID seriesId, String sessionType, String block,
            LocalDate date, java.time.Instant startsAt, java.time.Instant endsAt, String timeZone) {
    }

    @GetMapping("/api/clients/{clientId}/schedule")
    PageOf<ClientSeat> clientSchedule(@PathVariable UUID clientId, @RequestParam LocalDate from,
            @RequestParam LocalDate to, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        enrolments.get(clientId, "clientId");
        requireOrdered(from, to);
        audit.read("schedule", clientId.toString());
        Paging paging = new Paging(page, size);
        return paging.of(bookings.bookedForClient(clientId, from, to, size, paging.offset()).stream()
                .map(s -> new ClientSeat(s.bookingId(), s.sessionId(), s.seriesId(), s.sessionType().name(),
                        s.block(), s.date(), s.startsAt(), s.endsAt(), s.timeZone()))
                .toList(), bookings.countForClient(clientId, from, to));
    }

    @GetMapping("/api/clinicians/{clinicianId}/schedule")
    PageOf<SessionView> clinicianSchedule(@PathVariable UUID clinicianId, @RequestParam LocalDate from,
            @RequestParam LocalDate to, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        clinicians.find(clinicianId).orElseThrow(() -> RuleViolation.notFound("clinicianId", "Clinician", clinicianId));
        return resourceSchedule("clinician_id", clinicianId, from, to, new Paging(page, size));
    }

    @GetMapping("/api/rooms/{roomId}/schedule")
    PageOf<SessionView> roomSchedule(@PathVariable UUID roomId, @RequestParam LocalDate from,
            @RequestParam LocalDate to, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        rooms.find(roomId).orElseThrow(() -> RuleViolation.notFound("roomId", "Room", roomId));
        return resourceSchedule("room_id", roomId, from, to, new Paging(page, size));
    }

    /** Planned minutes per program week against the client's minimum, from the week containing {@code from}. */
    @GetMapping("/api/clients/{clientId}/planned-minutes")
    List<PlannedWeek> plannedMinutes(@PathVariable UUID clientId, @RequestParam(required = false) LocalDate from,
            @RequestParam(defaultValue = "4") @Min(1) @Max(26) int weeks) {
        Enrolment client = enrolments.get(clientId, "clientId");
        Program program = programs.get(client.programId(), "programId");
        ProgramCalendar calendar = program.calendar();
        LocalDate start = calendar.weekOf(from != null ? from : calendar.today(clock.instant())).firstDay();
        audit.read("planned-minutes", clientId.toString());
        // a day either side: local days and program weeks need not line up with the booking's local date
        List<ProgramCalendar.Interval> booked = bookings
                .bookedForClient(clientId, start.minusDays(1), start.plusWeeks(weeks), 10_000, 0).stream()
                .map(s -> new ProgramCalendar.Interval(s.startsAt(), s.endsAt())).toList();
        return PlannedWeek.plan(calendar, start, weeks, program.minimumMinutes(client.track()),
                client.admissionDate(), client.plannedDischargeDate(), client.phaseSessionsPerWeek(), booked);
    }

    private PageOf<SessionView> resourceSchedule(String column, UUID id, LocalDate from, LocalDate to, Paging paging) {
        requireOrdered(from, to);
        return paging.of(sessions.forResource(column, id, from, to, paging.size(), paging.offset()),
                sessions.countForResource(column, id, from, to));
    }

    private static void requireOrdered(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("to", "to must not be before from");
        }
    }
}
