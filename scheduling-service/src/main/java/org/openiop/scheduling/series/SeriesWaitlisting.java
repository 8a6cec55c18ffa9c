package org.openiop.scheduling.series;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.enrolment.EnrolmentStatus;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionType;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRefusals;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.closure.ClosureRepository;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionView;
import org.openiop.scheduling.telehealth.SeriesModality;
import org.openiop.scheduling.waitlist.SeriesWaitlist;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a series' client on the waitlist of every remaining day whose group is full (issue 17). The days are the
 * series' own (its rules from today to its last day, minus the days it already holds a seat); a day's session is the
 * group the series would join. Each full session gets an ordinary waitlist entry linked to the series, in its own
 * savepoint, so a day the database refuses (already waiting, already seated, discharged...) is reported alone.
 */
@Component
class SeriesWaitlisting {

    /**
     * One remaining day: WAITLISTED (entry made), NOT_FULL (a seat is free or the group does not exist yet: book it),
     * SKIPPED (program closed) or REFUSED (a rule said no, with its code).
     */
    record Day(LocalDate date, Instant startsAt, String outcome, String code, UUID sessionId, UUID entryId) {
    }

    record Report(UUID seriesId, long waitlisted, long notFull, long refused, List<Day> days) {
    }

    private final SeriesRepository series;
    private final ProgramRepository programs;
    private final EnrolmentRepository enrolments;
    private final BookingRepository bookings;
    private final SessionRepository sessions;
    private final ClosureRepository closures;
    private final SeriesModality seriesModality;
    private final SeriesWaitlist waitlist;
    private final BookingRefusals refusals;
    private final List<ConstraintMessages> messages;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final java.time.Clock clock;

    SeriesWaitlisting(SeriesRepository series, ProgramRepository programs, EnrolmentRepository enrolments,
            BookingRepository bookings, SessionRepository sessions, ClosureRepository closures,
            SeriesModality seriesModality, SeriesWaitlist waitlist, BookingRefusals refusals,
            List<ConstraintMessages> messages, AuditTrail audit, PlatformTransactionManager transactions,
            java.time.Clock clock) {
        this.series = series;
        this.programs = programs;
        this.enrolments = enrolments;
        this.bookings = bookings;
        this.sessions = sessions;
        this.closures = closures;
        this.seriesModality = seriesModality;
        this.waitlist = waitlist;
        this.refusals = refusals;
        this.messages = messages;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    Report waitlistRest(UUID seriesId, String actor) {
        return transaction.execute(status -> {
            series.find(seriesId).ifPresent(found -> programs.shareLock(found.programId()));
            Series s = series.lock(seriesId).orElseThrow(() -> RuleViolation.notFound("seriesId", "Series", seriesId));
            if (!"ACTIVE".equals(s.status())) {
                throw RuleViolation.conflict("series-ended", "Series " + seriesId + " has ended");
            }
            if (enrolments.get(s.clientId(), "clientId").status() == EnrolmentStatus.DISCHARGED) {
                throw RuleViolation.conflict("client-discharged", "The client is discharged");
            }
            Program program = programs.get(s.programId(), "programId");
            ProgramCalendar calendar = program.calendar();
            Instant now = clock.instant();
            LocalDate today = calendar.today(now);
            Set<LocalDate> seated = bookings.bookedInSeriesFrom(seriesId, today).stream().map(BookedSeat::date)
                    .collect(Collectors.toSet());
            Modality held = seriesModality.of(seriesId);
            List<Day> days = new ArrayList<>();
            for (LocalDate day : remainingDays(s, today)) {
                ProgramCalendar.Interval when = s.plan().slot().on(day, calendar);
                if (seated.contains(day) || !when.start().isAfter(now)) {
                    continue;
                }
                if (closures.covering(program.id(), day).isPresent()) {
                    days.add(new Day(day, when.start(), "SKIPPED", "program-closed", null, null));
                    continue;
                }
                Optional<SessionView> group = s.type() != SessionType.GROUP ? Optional.empty()
                        : sessions.joinableGroup(program.id(), day, s.startTime(), s.endTime(), s.topic(),
                                s.clinicianId(), s.roomId(), held).flatMap(sessions::find);
                if (group.isEmpty() || group.get().seatsUsed() < group.get().capacity()) {
                    days.add(new Day(day, when.start(), "NOT_FULL", "session-has-seats",
                            group.map(SessionView::id).orElse(null), null));
                    continue;
                }
                UUID sessionId = group.get().id();
                try {
                    UUID entry = savepoint.execute(x -> waitlist.add(seriesId, sessionId, s.clientId(), actor));
                    days.add(new Day(day, when.start(), "WAITLISTED", null, sessionId, entry));
                } catch (RuntimeException refused) {
                    days.add(new Day(day, when.start(), "REFUSED", explain(refused), sessionId, null));
                }
            }
            long waitlisted = days.stream().filter(d -> d.outcome().equals("WAITLISTED")).count();
            audit.change("series", s.clientId().toString(),
                    "series " + seriesId + " waitlisted for " + waitlisted + " full session(s)");
            return new Report(seriesId, waitlisted, days.stream().filter(d -> d.outcome().equals("NOT_FULL")).count(),
                    days.stream().filter(d -> d.outcome().equals("REFUSED")).count(), days);
        });
    }

    /** The series' days from today to its last day, each under the rule in force that day (a step-down changes it). */
    private List<LocalDate> remainingDays(Series s, LocalDate today) {
        List<SeriesRepository.Rule> rules = series.rules(s.id());
        List<LocalDate> days = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            LocalDate start = rules.get(i).effectiveFrom();
            LocalDate end = i + 1 < rules.size() ? rules.get(i + 1).effectiveFrom().minusDays(1) : s.lastDay();
            LocalDate from = start.isBefore(today) ? today : start;
            if (!from.isAfter(end)) {
                days.addAll(RecurrenceRule.parse(rules.get(i).rrule(), "rrule").days(start, from, end));
            }
        }
        return days;
    }

    /** The problem code of a refused day, whichever package's database rule refused it. */
    private String explain(RuntimeException refused) {
        RuleViolation rule = refusals.explain(refused);
        if (rule.code().startsWith("constraint-")) {
            String name = rule.code().substring("constraint-".length());
            return messages.stream().map(m -> m.byConstraint().get(name)).filter(java.util.Objects::nonNull)
                    .map(RuleViolation::code).findFirst().orElse(rule.code());
        }
        return rule.code();
    }
}
