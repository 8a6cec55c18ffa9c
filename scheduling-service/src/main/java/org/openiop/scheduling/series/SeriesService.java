package org.openiop.scheduling.series;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.enrolment.EnrolmentStatus;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.enrolment.Enrolment;
import org.openiop.scheduling.enrolment.EnrolmentRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.telehealth.SeriesModality;
import org.openiop.scheduling.waitlist.SeriesWaitlist;
import org.openiop.scheduling.session.SessionSlot;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recurring series: preview, commit, step-down (new rule from a day on) and cancelling the rest. A preview runs the
 * very same booking work as a commit and rolls it back, so what it reports is what the database would do now.
 */
@Service
class SeriesService {

    /** The longest a series may run: a program is 8 to 16 weeks, a year leaves room for extensions. */
    static final int MAX_DAYS = 366;

    private final SeriesRepository series;
    private final ProgramRepository programs;
    private final EnrolmentRepository enrolments;
    private final BookingRepository bookings;
    private final BookingService bookingService;
    private final OccurrenceBooker booker;
    private final AuditTrail audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SeriesModality seriesModality;
    private final SeriesWaitlist seriesWaitlist;

    SeriesService(SeriesRepository series, ProgramRepository programs, EnrolmentRepository enrolments,
            BookingRepository bookings, BookingService bookingService, OccurrenceBooker booker, AuditTrail audit,
            PlatformTransactionManager transactions, Clock clock, SeriesModality seriesModality,
            SeriesWaitlist seriesWaitlist) {
        this.seriesModality = seriesModality;
        this.seriesWaitlist = seriesWaitlist;
        this.series = series;
        this.programs = programs;
        this.enrolments = enrolments;
        this.bookings = bookings;
        this.bookingService = bookingService;
        this.booker = booker;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** The outcome of a series request: every day and what happened to it. */
    public record Report(UUID seriesId, boolean dryRun, String rrule, LocalDate firstDay, LocalDate lastDay,
            long booked, long skipped, long refused, long cancelled, List<Occurrence> occurrences) {

        static Report of(UUID id, boolean dryRun, String rrule, LocalDate first, LocalDate last, List<Occurrence> o) {
            return new Report(dryRun ? null : id, dryRun, rrule, first, last,
                    o.stream().filter(x -> x.outcome().equals("BOOKED") || x.outcome().equals("BOOKABLE")).count(),
                    o.stream().filter(x -> x.outcome().equals("SKIPPED")).count(),
                    o.stream().filter(x -> x.outcome().equals("REFUSED")).count(),
                    o.stream().filter(x -> x.outcome().equals("CANCELLED")).count(), o);
        }
    }

    public Report create(UUID programId, SeriesRequests.Create r, boolean dryRun) {
        return inTransaction(dryRun, () -> {
            Program program = programs.get(programId, "programId");
            programs.shareLock(programId);
            Enrolment client = activeClientOf(program, r.clientId());
            SessionSlot slot = SessionSlot.resolve(program, r.block(), r.startTime(), r.endTime());
            String ruleField = r.rrule() != null ? "rrule" : "daysOfWeek";
            RecurrenceRule rule = r.rrule() != null ? RecurrenceRule.parse(r.rrule(), "rrule")
                    : RecurrenceRule.weeklyOn(r.daysOfWeek());
            LocalDate horizon = lastDay(r, rule);
            List<LocalDate> days = rule.days(r.startDate(), r.startDate(), horizon);
            if (days.isEmpty()) {
                throw RuleViolation.invalid(ruleField, "the rule gives no day between startDate and the series end");
            }
            Series s = new Series(UUID.randomUUID(), programId, client.clientId(), r.type(), slot.block(),
                    slot.startTime(), slot.endTime(), r.topic(), r.clinicianId(), r.roomId(), r.capacity(),
                    r.startDate(), days.get(days.size() - 1), "ACTIVE");
            series.insert(s);
            seriesModality.set(s.id(), r.modality(), r.joinUrl());
            series.addRule(s.id(), s.firstDay(), rule.text());
            List<Occurrence> occurrences = booker.bookEach(program, s, days, dryRun);
            if (!dryRun) {
                refuseOverlappingSeries(occurrences, ruleField);
                if (occurrences.stream().allMatch(Occurrence::refused)) {
                    throw new RuleViolation(HttpStatus.CONFLICT, "series-nothing-bookable",
                            "No day of the series can be booked; preview it to see why", List.of());
                }
                audit.change("series", client.clientId().toString(), "series " + s.id() + " " + rule.text());
            }
            return Report.of(s.id(), dryRun, rule.text(), s.firstDay(), s.lastDay(), occurrences);
        });
    }

    /**
     * Step-down (or step-up): from {@code effectiveFrom} the series follows a new rule up to its last day. Seats on
     * days the new rule keeps stay untouched; seats on days it drops are cancelled (SERIES_CHANGED); new days are
     * booked. Nothing before {@code effectiveFrom} changes.
     */
    public Report changeFrequency(UUID seriesId, SeriesRequests.ChangeFrequency r) {
        return inTransaction(r.preview(), () -> {
            Series s = activeSeries(seriesId);
            Program program = programs.get(s.programId(), "programId");
            activeClientOf(program, s.clientId());
            if (r.effectiveFrom().isBefore(program.calendar().today(clock.instant()))) {
                throw RuleViolation.unprocessable("change-in-past", "effectiveFrom",
                        "effectiveFrom is in the past: the past of a series is never rewritten");
            }
            if (r.effectiveFrom().isAfter(s.lastDay()) || r.effectiveFrom().isBefore(s.firstDay())) {
                throw RuleViolation.unprocessable("outside-series", "effectiveFrom",
                        "effectiveFrom must be between " + s.firstDay() + " and " + s.lastDay());
            }
            String ruleField = r.rrule() != null ? "rrule" : "daysOfWeek";
            RecurrenceRule rule = r.rrule() != null ? RecurrenceRule.parse(r.rrule(), "rrule")
                    : RecurrenceRule.weeklyOn(r.daysOfWeek());
            Set<LocalDate> wanted = new HashSet<>(rule.days(r.effectiveFrom(), r.effectiveFrom(), s.lastDay()));
            Set<LocalDate> wantedDays = Set.copyOf(wanted);
            List<Occurrence> outcome = new ArrayList<>();
            List<BookedSeat> dropped = new ArrayList<>();
            for (BookedSeat seat : bookings.bookedInSeriesFrom(seriesId, r.effectiveFrom())) {
                if (wanted.remove(seat.date())) {
                    outcome.add(new Occurrence(seat.date(), seat.startsAt(), seat.endsAt(), "KEPT", null, null,
                            seat.sessionId(), seat.bookingId(), null));
                } else {
                    dropped.add(seat);
                    outcome.add(new Occurrence(seat.date(), seat.startsAt(), seat.endsAt(), "CANCELLED",
                            "series-changed", null, seat.sessionId(), seat.bookingId(), null));
                }
            }
            bookingService.cancelSeats(dropped, ChangeReason.SERIES_CHANGED, null);
            if (!r.preview()) {
                seriesWaitlist.removeFrom(seriesId, r.effectiveFrom(), wantedDays, "series stepped down");
            }
            outcome.addAll(booker.bookEach(program, s, wanted.stream().sorted().toList(), r.preview()));
            outcome.sort(java.util.Comparator.comparing(Occurrence::startsAt));
            if (!r.preview()) {
                refuseOverlappingSeries(outcome, ruleField);
            }
            series.addRule(seriesId, r.effectiveFrom(), rule.text());
            audit.change("series", s.clientId().toString(), "series " + seriesId + " from " + r.effectiveFrom()
                    + " " + rule.text());
            return Report.of(seriesId, r.preview(), rule.text(), r.effectiveFrom(), s.lastDay(), outcome);
        });
    }

    /** Cancels the series' seats from a day on (default today; seats already started stay) and ends the series. */
    public Report cancelRest(UUID seriesId, SeriesRequests.CancelRest r) {
        return inTransaction(false, () -> {
            Series s = activeSeries(seriesId);
            Program program = programs.get(s.programId(), "programId");
            LocalDate from = r.from() != null ? r.from() : program.calendar().today(clock.instant());
            List<BookedSeat> rest = bookings.bookedInSeriesFrom(seriesId, from);
            bookingService.cancelSeats(rest, r.reason() != null ? r.reason() : ChangeReason.SERIES_CHANGED, r.note());
            series.end(seriesId, from.minusDays(1));
            seriesWaitlist.removeFrom(seriesId, from, Set.of(), "series ended");
            audit.change("series", s.clientId().toString(), "series " + seriesId + " ended from " + from);
            List<Occurrence> cancelled = rest.stream().map(seat -> new Occurrence(seat.date(), seat.startsAt(),
                    seat.endsAt(), "CANCELLED", "series-cancelled", null, seat.sessionId(), seat.bookingId(), null))
                    .toList();
            return Report.of(seriesId, false, null, from, s.lastDay(), cancelled);
        });
    }

    private Series activeSeries(UUID seriesId) {
        series.find(seriesId).ifPresent(found -> programs.shareLock(found.programId()));
        Series s = series.lock(seriesId).orElseThrow(() -> RuleViolation.notFound("seriesId", "Series", seriesId));
        if (!"ACTIVE".equals(s.status())) {
            throw RuleViolation.conflict("series-ended", "Series " + seriesId + " has ended");
        }
        return s;
    }

    private Enrolment activeClientOf(Program program, UUID clientId) {
        Enrolment client = enrolments.get(clientId, "clientId");
        if (!client.programId().equals(program.id())) {
            throw RuleViolation.unprocessable("client-not-in-program", "clientId",
                    "The client is enrolled in another program");
        }
        if (client.status() == EnrolmentStatus.DISCHARGED) {
            throw new RuleViolation(HttpStatus.CONFLICT, "client-discharged", "The client is discharged",
                    List.of(new RuleViolation.FieldProblem("clientId", "client is discharged")));
        }
        return client;
    }

    /** Two series of one client holding the same time is a planning mistake: refuse the whole request. */
    private static void refuseOverlappingSeries(List<Occurrence> occurrences, String field) {
        List<Occurrence> clashes = occurrences.stream().filter(o -> o.conflictingSeriesId() != null).toList();
        if (!clashes.isEmpty()) {
            String detail = "The series overlaps series " + clashes.get(0).conflictingSeriesId() + " of the same client on "
                    + clashes.size() + " day(s), first " + clashes.get(0).date();
            throw new RuleViolation(HttpStatus.CONFLICT, "series-overlap", detail,
                    List.of(new RuleViolation.FieldProblem(field, detail)));
        }
    }

    private static LocalDate lastDay(SeriesRequests.Create r, RecurrenceRule rule) {
        if (r.weeks() != null && r.until() != null) {
            throw RuleViolation.invalid("until", "give weeks or until, not both");
        }
        LocalDate limit = r.startDate().plusDays(MAX_DAYS - 1);
        LocalDate last;
        if (r.weeks() != null) {
            last = r.startDate().plusWeeks(r.weeks()).minusDays(1);
        } else if (r.until() != null) {
            if (r.until().isBefore(r.startDate())) {
                throw RuleViolation.invalid("until", "until must not be before startDate");
            }
            last = r.until();
        } else if (rule.bounded()) {
            last = limit;
        } else {
            throw RuleViolation.invalid("weeks", "give weeks or until (or a rule with COUNT or UNTIL)");
        }
        if (last.isAfter(limit)) {
            throw RuleViolation.invalid(r.until() != null ? "until" : "weeks",
                    "a series may run at most " + MAX_DAYS + " days");
        }
        return last;
    }

    /** Runs the work in one transaction; a dry run is rolled back whatever it did. */
    private <T> T inTransaction(boolean dryRun, Supplier<T> work) {
        return transaction.execute(status -> {
            T result = work.get();
            if (dryRun) {
                status.setRollbackOnly();
            }
            return result;
        });
    }
}
