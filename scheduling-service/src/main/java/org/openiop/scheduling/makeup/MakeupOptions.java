package org.openiop.scheduling.makeup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.enrolment.EnrolmentStatus;
import org.openiop.scheduling.enrolment.Enrolment;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.program.ProgramSiblings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a client-week's make-up options from the attended minutes the caller read from attendance-service
 * (docs/adr/0010-make-up-options-and-waitlists.md). Used by the read API and by offers to the client, so an offer
 * carries exactly what the options page shows.
 */
@Service
public class MakeupOptions {

    static final int MAX_SESSIONS = 3;
    static final int MAX_OPTIONS = 10;
    private static final int MAX_CANDIDATES = 60;

    private final EnrolmentRepository enrolments;
    private final ProgramRepository programs;
    private final ProgramSiblings siblings;
    private final MakeupRepository makeup;
    private final Clock clock;

    MakeupOptions(EnrolmentRepository enrolments, ProgramRepository programs, ProgramSiblings siblings,
            MakeupRepository makeup, Clock clock) {
        this.siblings = siblings;
        this.enrolments = enrolments;
        this.programs = programs;
        this.makeup = makeup;
        this.clock = clock;
    }

    public record Options(UUID clientId, UUID programId, String timeZone, LocalDate weekStart, LocalDate weekEnd,
            int minimumMinutes, int attendedMinutes, long scheduledMinutes, long shortfallMinutes,
            List<Option> options) {
    }

    /** {@code weekMinutesAfter}: attended + scheduled + this option, what the week reaches if the client takes it. */
    public record Option(List<Candidate> sessions, long minutes, long weekMinutesAfter) {

        /** An option is open until its first session starts. */
        public Instant expiresAt() {
            return sessions.get(0).startsAt();
        }
    }

    /**
     * @param week             any day of the program week (default: this week)
     * @param attendedMinutes  minutes attended so far that week, as attendance-service's compliance reports them
     * @param scheduledMinutes minutes still booked that week; null: the client's seats that have not started yet
     */
    @Transactional(readOnly = true)
    public Options compute(UUID clientId, LocalDate week, int attendedMinutes, Integer scheduledMinutes) {
        Enrolment client = enrolments.get(clientId, "clientId");
        if (client.status() != EnrolmentStatus.ACTIVE) {
            throw RuleViolation.conflict("client-discharged", "The client is discharged: no make-up to offer");
        }
        Program program = programs.get(client.programId(), "programId");
        ProgramCalendar calendar = program.calendar();
        Instant now = clock.instant();
        ProgramCalendar.Week w = calendar.weekOf(week != null ? week : calendar.today(now));
        int minimum = program.minimumMinutes(client.track());
        long scheduled = scheduledMinutes != null ? scheduledMinutes : makeup.bookedAhead(clientId, now, w.start(), w.end());
        long shortfall = Math.max(0, minimum - attendedMinutes - scheduled);
        List<Candidate> candidates = shortfall == 0 ? List.of() : named(program,
                makeup.candidates(searched(program.id()), clientId, now, w.start(), w.end(), client.admissionDate(),
                        client.plannedDischargeDate(), MAX_CANDIDATES));
        List<Option> options = MakeupPlanner.plan(candidates, shortfall, MAX_SESSIONS, MAX_OPTIONS).stream()
                .map(o -> new Option(o.sessions(), o.minutes(), attendedMinutes + scheduled + o.minutes())).toList();
        return new Options(clientId, program.id(), program.timeZone(), w.firstDay(), w.lastDay(), minimum,
                attendedMinutes, scheduled, shortfall, options);
    }

    /** The client's program first, then the sibling programs an admin lets its clients attend. */
    private List<UUID> searched(UUID programId) {
        List<UUID> ids = new java.util.ArrayList<>(List.of(programId));
        ids.addAll(siblings.of(programId));
        return ids;
    }

    /** Each candidate with its program's name (a handful of programs: one lookup each). */
    private List<Candidate> named(Program own, List<Candidate> candidates) {
        java.util.Map<UUID, String> names = new java.util.HashMap<>(java.util.Map.of(own.id(), own.name()));
        return candidates.stream().map(c -> c.named(names.computeIfAbsent(c.programId(),
                id -> programs.find(id).map(Program::name).orElse(null)))).toList();
    }
}
