package org.openiop.attendance.evidence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.openiop.attendance.attendance.AttendanceReader;
import org.openiop.attendance.booking.BookingRepository;
import org.openiop.attendance.compliance.ComplianceReader;
import org.openiop.attendance.compliance.ComplianceReader.JudgedWeek;
import org.openiop.attendance.compliance.ComplianceRules;
import org.openiop.attendance.compliance.ComplianceRules.CountedSession;
import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.Outcome;
import org.openiop.attendance.compliance.ComplianceRules.Program;
import org.openiop.attendance.compliance.ComplianceRules.SessionFact;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceStatus;
import org.openiop.attendance.evidence.ClientEvidence.Correction;
import org.openiop.attendance.evidence.ClientEvidence.DayEvidence;
import org.openiop.attendance.evidence.ClientEvidence.ProgramEvidence;
import org.openiop.attendance.evidence.ClientEvidence.SessionEvidence;
import org.openiop.attendance.evidence.ClientEvidence.WeekEvidence;
import org.openiop.attendance.telehealth.TelehealthServices;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gathers a client's evidence: the compliance projection's weeks as judged and sessions as counted (through
 * compliance's read API, {@link ComplianceReader}) and the recording side's revisions (who recorded what,
 * corrections). The arithmetic is ComplianceRules',
 * so an export says exactly what the officer's screen says. Auditing is the caller's (the export records a digest).
 */
@Service
class EvidenceReader {

    private final AttendanceReader attendance;
    private final ComplianceReader compliance;
    private final Clock clock;
    private final TelehealthServices telehealthServices;
    private final BookingRepository bookings;

    EvidenceReader(AttendanceReader attendance, ComplianceReader compliance, Clock clock,
            TelehealthServices telehealthServices, BookingRepository bookings) {
        this.bookings = bookings;
        this.telehealthServices = telehealthServices;
        this.attendance = attendance;
        this.compliance = compliance;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ClientEvidence read(String clientId, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("to", "to must not be before from");
        }
        if (from.plusYears(2).isBefore(to)) {
            throw RuleViolation.invalid("to", "an export covers at most two years");
        }
        List<String> programIds = compliance.programsOfClient(clientId);
        if (programIds.isEmpty()) {
            throw RuleViolation.notFound("clientId", "Client", clientId);
        }
        Instant now = clock.instant();
        List<ProgramEvidence> programs = new ArrayList<>();
        for (String programId : programIds) {
            Optional<Program> program = program(programId);
            if (program.isPresent()) {
                programs.add(program(clientId, programId, program.get(), from, to, now));
            }
        }
        return new ClientEvidence(clientId, from, to, now, programs, telehealth(programs));
    }

    /** Attended services delivered by telehealth, marked as payers expect (place of service, modifier 95). */
    private List<ClientEvidence.TelehealthService> telehealth(List<ProgramEvidence> programs) {
        List<ClientEvidence.TelehealthService> services = new ArrayList<>();
        for (ProgramEvidence p : programs) {
            List<SessionEvidence> attended = p.weeks().stream().flatMap(w -> w.sessions().stream())
                    .filter(s -> s.checkedInAt() != null && s.countedMinutes() > 0).toList();
            Map<String, TelehealthServices.Mark> marks = telehealthServices.marks(attended.stream()
                    .map(SessionEvidence::bookingId).toList());
            for (SessionEvidence s : attended) {
                TelehealthServices.Mark mark = marks.get(s.bookingId());
                if (mark != null) {
                    services.add(new ClientEvidence.TelehealthService(s.bookingId(), s.scheduledStart()
                            .atZone(ZoneId.of(p.timeZone())).toLocalDate(), mark.placeOfService(), mark.modifier()));
                }
            }
        }
        return services;
    }

    private ProgramEvidence program(String clientId, String programId, Program program, LocalDate from, LocalDate to,
            Instant now) {
        LocalDate firstWeek = ComplianceRules.weekOf(from, program.weekStart());
        LocalDate lastWeek = ComplianceRules.weekOf(to, program.weekStart());
        List<SessionFact> facts = compliance.sessionFacts(clientId, programId, firstWeek, lastWeek);
        Map<LocalDate, List<SessionFact>> byWeek = new TreeMap<>();
        for (SessionFact f : facts) {
            byWeek.computeIfAbsent(ComplianceRules.weekOf(f.startsAt(), program.zone(), program.weekStart()),
                    w -> new ArrayList<>()).add(f);
        }
        // Every stored week up to the range's end: earlier STEP_DOWN weeks decide how much allowance is left.
        Map<LocalDate, JudgedWeek> stored = compliance.weeksUpTo(clientId, programId, lastWeek).stream()
                .collect(Collectors.toMap(JudgedWeek::weekStart, w -> w, (a, b) -> a, TreeMap::new));
        Map<LocalDate, ComplianceStatus> statuses = new HashMap<>();
        stored.values().forEach(w -> statuses.put(w.weekStart(), w.status()));
        TreeSet<LocalDate> weeks = new TreeSet<>(byWeek.keySet());
        stored.keySet().stream().filter(w -> !w.isBefore(firstWeek)).forEach(weeks::add);
        Map<String, List<Revision>> revisions = revisions(facts.stream().map(SessionFact::bookingId).toList());
        Map<String, LateBooking> lateBookings = lateBookings(facts.stream().map(SessionFact::bookingId).toList());

        List<WeekEvidence> result = new ArrayList<>();
        for (LocalDate weekStart : weeks) {
            Enrolment enrolment = enrolment(clientId, programId, ComplianceRules.weekEnds(weekStart, program.zone()));
            int prior = ComplianceRules.priorStepDownWeeks(weekStart, statuses);
            WeekEvaluation evaluated = ComplianceRules.evaluate(program, enrolment, weekStart,
                    byWeek.getOrDefault(weekStart, List.of()), prior, now);
            JudgedWeek row = stored.get(weekStart);
            // The stored row is what officers were shown and what was announced; the evaluation adds the breakdown.
            WeekEvaluation shown = row == null ? evaluated : new WeekEvaluation(weekStart, row.track(),
                    row.attendedMinutes(), row.scheduledRemainingMinutes(), row.minimumMinutes(), row.status(),
                    row.closed(), evaluated.partial(), evaluated.qualifyingDays(), evaluated.days(),
                    evaluated.sessions());
            List<DayEvidence> days = evaluated.days().stream().map(d -> new DayEvidence(d.date(),
                    d.attendedMinutes(), d.sessionsAttended(), d.qualifies(), d.perDiemTier().name(),
                    d.attendedMinutes() + (d.qualifies() ? " >= " : " < ") + program.dailyThresholdMinutes()
                            + " min daily threshold; " + d.sessionsAttended() + " service(s)")).toList();
            List<SessionEvidence> sessions = evaluated.sessions().stream()
                    .map(c -> session(c, revisions.getOrDefault(c.session().bookingId(), List.of()),
                            lateBookings.get(c.session().bookingId()), program.zone()))
                    .toList();
            result.add(new WeekEvidence(weekStart, shown.track() == null ? null : shown.track().name(),
                    shown.attendedMinutes(), shown.scheduledRemainingMinutes(), shown.minimumMinutes(),
                    shown.status().name(), ComplianceRules.statusRule(shown, program, prior), shown.closed(),
                    evaluated.qualifyingDays(), evaluated.meetsDailyRule(),
                    evaluated.daysAt(ComplianceRules.PerDiemTier.THREE_SERVICES),
                    evaluated.daysAt(ComplianceRules.PerDiemTier.FOUR_OR_MORE_SERVICES), days, sessions));
        }
        return new ProgramEvidence(programId, program.zone().getId(), program.weekStart().name(),
                program.dailyThresholdMinutes(), program.adultMinimumMinutes(), program.adolescentMinimumMinutes(),
                program.stepDownAllowanceWeeks(), result);
    }

    private static SessionEvidence session(CountedSession c, List<Revision> history, LateBooking late,
            ZoneId zone) {
        SessionFact s = c.session();
        Revision current = history.isEmpty() ? null : history.get(history.size() - 1);
        List<Correction> corrections = new ArrayList<>();
        for (int i = 1; i < history.size(); i++) {
            Revision after = history.get(i);
            corrections.add(new Correction(after.revision(), history.get(i - 1).describe(zone), after.describe(zone),
                    after.correctionReason(), after.recordedBy(), after.recordedAt()));
        }
        String absence = s.outcome() == Outcome.MISSED && s.missedReason() != null ? s.missedReason().name()
                + (s.automatic() ? " (automatic)" : "") : null;
        return new SessionEvidence(s.bookingId(), s.sessionType().name(), s.startsAt(), s.endsAt(), c.state(),
                s.checkedInAt(), s.checkedOutAt(), c.countedMinutes(), absence,
                current == null ? null : current.recordedBy(), current == null ? null : current.recordedAt(), c.why(),
                corrections, lateEntry(late, history, zone));
    }

    /** What of a booking was entered after the session took place, by whom and when; null when all was live. */
    static String lateEntry(LateBooking booking, List<Revision> history, ZoneId zone) {
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        List<String> parts = new ArrayList<>();
        if (booking != null) {
            parts.add((booking.sessionEnteredLate() ? "session and booking" : "booking") + " entered late by "
                    + booking.enteredBy() + " at " + booking.enteredAt().atZone(zone).format(local));
        }
        history.stream().filter(r -> r.lateEntryReason() != null).findFirst().ifPresent(r -> parts.add(
                "attendance entered late by " + r.recordedBy() + " at " + r.recordedAt().atZone(zone).format(local)
                        + " (reason: " + r.lateEntryReason() + ")"));
        return parts.isEmpty() ? null : "LATE ENTRY: " + String.join("; ", parts);
    }

    private Map<String, LateBooking> lateBookings(List<String> bookingIds) {
        return bookings.lateEntries(bookingIds).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new LateBooking(e.getKey(), e.getValue().enteredBy(), e.getValue().enteredAt(),
                        e.getValue().sessionEnteredLate())));
    }

    /** A booking entered after its session had started (see scheduling's late entry). */
    record LateBooking(String bookingId, String enteredBy, Instant enteredAt, boolean sessionEnteredLate) {
    }

    private Map<String, List<Revision>> revisions(List<String> bookingIds) {
        return attendance.histories(bookingIds).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().stream().map(r -> new Revision(r.bookingId(), r.revision(), r.outcome().name(),
                        r.checkedInAt(), r.checkedOutAt(), r.attendedMinutes(),
                        r.missedReason() == null ? null : r.missedReason().name(), r.automatic(),
                        r.correctionReason(), r.recordedBy(), r.recordedAt(), r.lateEntryReason())).toList()));
    }

    /** The program as the projection judges it (its settings, or the defaults while they have not arrived). */
    private Optional<Program> program(String programId) {
        return compliance.judgedProgram(programId);
    }

    /** The enrolment as it was at the end of the week (phase then), as the projection judges it. */
    private Enrolment enrolment(String clientId, String programId, Instant weekEnds) {
        return compliance.enrolment(clientId, programId, weekEnds).orElse(null);
    }

    record Revision(String bookingId, int revision, String outcome, Instant checkedInAt, Instant checkedOutAt,
            int attendedMinutes, String missedReason, boolean automatic, String correctionReason, String recordedBy,
            Instant recordedAt, String lateEntryReason) {

        /** The record in local time, with who recorded it and when. */
        String describe(ZoneId zone) {
            java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
            return ("ATTENDED".equals(outcome)
                    ? "attended " + checkedInAt.atZone(zone).format(local) + " to "
                            + checkedOutAt.atZone(zone).format(local) + " (" + attendedMinutes + " min)"
                    : "missed: " + missedReason + (automatic ? " (automatic)" : ""))
                    + ", recorded by " + recordedBy + " at " + recordedAt.atZone(zone).format(local);
        }
    }
}
