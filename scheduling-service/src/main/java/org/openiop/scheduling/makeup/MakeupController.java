package org.openiop.scheduling.makeup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.events.EnrolmentStatus;
import org.openiop.scheduling.enrolment.Enrolment;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.program.ProgramRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Make-up options for a client-week that falls short: the sessions still ahead that would bring it to the minimum.
 * Attended minutes are attendance-service's, so the caller passes them (docs/adr/0010-make-up-options-and-waitlists.md).
 */
@RestController
class MakeupController {

    static final int MAX_SESSIONS = 3;
    static final int MAX_OPTIONS = 10;
    private static final int MAX_CANDIDATES = 60;
    private static final int WEEK_MINUTES = 7 * 24 * 60 + 60;

    private final EnrolmentRepository enrolments;
    private final ProgramRepository programs;
    private final MakeupRepository makeup;
    private final AuditTrail audit;
    private final Clock clock;

    MakeupController(EnrolmentRepository enrolments, ProgramRepository programs, MakeupRepository makeup,
            AuditTrail audit, Clock clock) {
        this.enrolments = enrolments;
        this.programs = programs;
        this.makeup = makeup;
        this.audit = audit;
        this.clock = clock;
    }

    record Options(UUID clientId, LocalDate weekStart, LocalDate weekEnd, int minimumMinutes, int attendedMinutes,
            long scheduledMinutes, long shortfallMinutes, List<Option> options) {
    }

    /** {@code weekMinutesAfter}: attended + scheduled + this option, what the week reaches if the client takes it. */
    record Option(List<Candidate> sessions, long minutes, long weekMinutesAfter) {
    }

    /**
     * @param week             any day of the program week (default: this week)
     * @param attendedMinutes  minutes attended so far that week, as attendance-service's compliance reports them
     * @param scheduledMinutes minutes still booked that week; default: the client's seats that have not started yet
     */
    @GetMapping("/api/clients/{clientId}/makeup-options")
    Options options(@PathVariable UUID clientId, @RequestParam(required = false) LocalDate week,
            @RequestParam(required = false) @Min(0) @Max(WEEK_MINUTES) Integer attendedMinutes,
            @RequestParam(required = false) @Min(0) @Max(WEEK_MINUTES) Integer scheduledMinutes) {
        if (attendedMinutes == null) {
            throw RuleViolation.invalid("attendedMinutes",
                    "attendedMinutes is required: the minutes attended that week, from the compliance week");
        }
        Enrolment client = enrolments.get(clientId, "clientId");
        if (client.status() != EnrolmentStatus.ACTIVE) {
            throw RuleViolation.conflict("client-discharged", "The client is discharged: no make-up to offer");
        }
        Program program = programs.get(client.programId(), "programId");
        ProgramCalendar calendar = program.calendar();
        Instant now = clock.instant();
        ProgramCalendar.Week w = calendar.weekOf(week != null ? week : calendar.today(now));
        audit.read("makeup-options", clientId.toString());
        int minimum = program.minimumMinutes(client.track());
        long scheduled = scheduledMinutes != null ? scheduledMinutes : makeup.bookedAhead(clientId, now, w.start(), w.end());
        long shortfall = Math.max(0, minimum - attendedMinutes - scheduled);
        List<Candidate> candidates = shortfall == 0 ? List.of()
                : makeup.candidates(program.id(), clientId, now, w.start(), w.end(), client.admissionDate(),
                        client.plannedDischargeDate(), MAX_CANDIDATES);
        List<Option> options = MakeupPlanner.plan(candidates, shortfall, MAX_SESSIONS, MAX_OPTIONS).stream()
                .map(o -> new Option(o.sessions(), o.minutes(), attendedMinutes + scheduled + o.minutes())).toList();
        return new Options(clientId, w.firstDay(), w.lastDay(), minimum, attendedMinutes, scheduled, shortfall,
                options);
    }
}
