package org.openiop.scheduling.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionType;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRefusals;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.closure.Closure;
import org.openiop.scheduling.closure.ClosureRepository;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;
import org.openiop.scheduling.session.SessionRepository;
import org.openiop.scheduling.session.SessionService;
import org.openiop.scheduling.telehealth.SeriesModality;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books a series into each of its days, one savepoint per day: a day the database refuses (full, overlap, outside
 * enrolment...) is rolled back alone and reported with its rule, the others stay booked. Closed days are skipped.
 * Runs inside the caller's transaction, so a preview is the same work rolled back at the end.
 */
@Component
class OccurrenceBooker {

    private final SessionRepository sessions;
    private final SessionService sessionService;
    private final BookingService bookingService;
    private final BookingRepository bookings;
    private final ClosureRepository closures;
    private final BookingRefusals refusals;
    private final TransactionTemplate savepoint;
    private final SeriesModality seriesModality;

    OccurrenceBooker(SessionRepository sessions, SessionService sessionService, BookingService bookingService,
            BookingRepository bookings, ClosureRepository closures, BookingRefusals refusals,
            PlatformTransactionManager transactions, SeriesModality seriesModality) {
        this.seriesModality = seriesModality;
        this.sessions = sessions;
        this.sessionService = sessionService;
        this.bookingService = bookingService;
        this.bookings = bookings;
        this.closures = closures;
        this.refusals = refusals;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    List<Occurrence> bookEach(Program program, Series series, List<java.time.LocalDate> days, boolean preview) {
        ProgramCalendar calendar = program.calendar();
        Modality held = seriesModality.of(series.id());
        List<Occurrence> result = new ArrayList<>();
        for (java.time.LocalDate day : days) {
            ProgramCalendar.Interval when = series.plan().slot().on(day, calendar);
            Optional<Closure> closed = closures.covering(program.id(), day);
            if (closed.isPresent()) {
                result.add(new Occurrence(day, when.start(), when.end(), "SKIPPED", "program-closed",
                        "The program is closed: " + closed.get().reason(), null, null, null));
                continue;
            }
            try {
                BookedSeat seat = savepoint.execute(status -> bookingService.book(
                        sessionFor(program, series, day, held), series.clientId(), series.id()));
                result.add(new Occurrence(day, seat.startsAt(), seat.endsAt(), preview ? "BOOKABLE" : "BOOKED", null,
                        null, preview ? null : seat.sessionId(), preview ? null : seat.bookingId(), null));
            } catch (RuntimeException refused) {
                RuleViolation rule = refusals.explain(refused);
                UUID otherSeries = "client-double-booked".equals(rule.code())
                        ? bookings.overlappingSeries(series.clientId(), when.start(), when.end(), series.id()).orElse(null)
                        : null;
                result.add(new Occurrence(day, when.start(), when.end(), "REFUSED",
                        otherSeries != null ? "series-overlap" : rule.code(), rule.getMessage(), null, null,
                        otherSeries));
            }
        }
        return result;
    }

    /**
     * Groups are shared: join the program's matching group that day if there is one held the same way (in person,
     * telehealth, hybrid), else open it, held as the series is.
     */
    private UUID sessionFor(Program program, Series series, java.time.LocalDate day, Modality held) {
        if (series.type() == SessionType.GROUP) {
            Optional<UUID> existing = sessions.joinableGroup(program.id(), day, series.startTime(), series.endTime(),
                    series.topic(), series.clinicianId(), series.roomId(), held);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        UUID opened = sessionService.create(program, day, series.plan()).id();
        seriesModality.applyTo(series.id(), opened);
        return opened;
    }
}
