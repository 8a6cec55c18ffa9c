package org.openiop.scheduling.closure;

import org.openiop.backbone.web.input.WithinRecordWindow;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.session.SessionRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Closures and holidays. Adding one cancels every booking it covers (reason PROGRAM_CLOSURE, one event each) and the
 * sessions on those days; series skip closed days. A closure entered by mistake can be removed before its first day:
 * its days open again for new sessions, but what it cancelled stays cancelled (the clients were already told).
 */
@RestController
class ClosureController {

    private final ClosureRepository closures;
    private final ProgramRepository programs;
    private final BookingRepository bookings;
    private final BookingService bookingService;
    private final SessionRepository sessions;
    private final Clock clock;

    ClosureController(ClosureRepository closures, ProgramRepository programs, BookingRepository bookings,
            BookingService bookingService, SessionRepository sessions, Clock clock) {
        this.closures = closures;
        this.programs = programs;
        this.bookings = bookings;
        this.bookingService = bookingService;
        this.sessions = sessions;
        this.clock = clock;
    }

    record ClosureRequest(@NotNull @WithinRecordWindow LocalDate firstDay, @WithinRecordWindow LocalDate lastDay, @NotBlank @Size(max = 200) String reason) {
    }

    record ClosureView(UUID id, LocalDate firstDay, LocalDate lastDay, String reason, int cancelledBookings,
            int cancelledSessions) {
    }

    @PostMapping("/api/programs/{programId}/closures")
    @Transactional
    ResponseEntity<ClosureView> add(@PathVariable UUID programId, @Valid @RequestBody ClosureRequest request) {
        programs.lockForClosure(programId);
        Program program = programs.get(programId, "programId");
        LocalDate last = request.lastDay() == null ? request.firstDay() : request.lastDay();
        if (last.isBefore(request.firstDay())) {
            throw RuleViolation.invalid("lastDay", "lastDay must not be before firstDay");
        }
        if (request.firstDay().isBefore(program.calendar().today(clock.instant()))) {
            throw RuleViolation.unprocessable("closure-in-past", "firstDay", "a closure cannot start in the past");
        }
        Closure closure = new Closure(UUID.randomUUID(), programId, request.firstDay(), last, request.reason());
        closures.insert(closure);
        List<BookedSeat> covered = bookings.bookedOnDays(programId, closure.firstDay(), closure.lastDay());
        bookingService.cancelSeats(covered, ChangeReason.PROGRAM_CLOSURE, null);
        int cancelledSessions = sessions.cancelOnDays(programId, closure.firstDay(), closure.lastDay(),
                ChangeReason.PROGRAM_CLOSURE);
        return ResponseEntity.created(URI.create("/api/programs/" + programId + "/closures/" + closure.id()))
                .body(new ClosureView(closure.id(), closure.firstDay(), closure.lastDay(), closure.reason(),
                        covered.size(), cancelledSessions));
    }

    @DeleteMapping("/api/programs/{programId}/closures/{closureId}")
    @Transactional
    ResponseEntity<Void> remove(@PathVariable UUID programId, @PathVariable UUID closureId) {
        programs.lockForClosure(programId);
        Program program = programs.get(programId, "programId");
        Closure closure = closures.find(programId, closureId)
                .orElseThrow(() -> RuleViolation.notFound("closureId", "Closure", closureId));
        if (!closure.firstDay().isAfter(program.calendar().today(clock.instant()))) {
            throw RuleViolation.unprocessable("closure-started", "closureId",
                    "a closure that has begun stays on the record");
        }
        closures.delete(closureId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/programs/{programId}/closures")
    List<Closure> list(@PathVariable UUID programId, @RequestParam LocalDate from, @RequestParam LocalDate to) {
        programs.get(programId, "programId");
        return closures.between(programId, from, to);
    }
}
