package org.openiop.scheduling.enrolment;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.session.ChangeReason;
import org.openiop.scheduling.booking.BookedSeat;
import org.openiop.scheduling.booking.BookingRepository;
import org.openiop.scheduling.booking.BookingService;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Admits, updates, re-phases and discharges clients. Events carry ids, dates, track and phase: never name or birth date. */
@Service
class EnrolmentService {

    private final EnrolmentRepository enrolments;
    private final ProgramRepository programs;
    private final BookingRepository bookings;
    private final BookingService bookingService;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    private final ApplicationEventPublisher discharges;

    EnrolmentService(EnrolmentRepository enrolments, ProgramRepository programs, BookingRepository bookings,
            BookingService bookingService, OutboxWriter outbox, AuditTrail audit, Clock clock,
            ApplicationEventPublisher discharges) {
        this.enrolments = enrolments;
        this.programs = programs;
        this.bookings = bookings;
        this.bookingService = bookingService;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.discharges = discharges;
    }

    @Transactional
    public Enrolment enrol(UUID programId, EnrolmentRequests.Enrol r) {
        programs.get(programId, "programId");
        checkDates(r.dateOfBirth(), r.admissionDate(), r.plannedDischargeDate());
        Enrolment e = new Enrolment(r.clientId() != null ? r.clientId() : UUID.randomUUID(), programId,
                r.displayName(), r.dateOfBirth(),
                r.track() != null ? r.track() : Tracks.fromAgeAtAdmission(r.dateOfBirth(), r.admissionDate()),
                r.admissionDate(), r.plannedDischargeDate(), null, EnrolmentStatus.ACTIVE,
                r.phaseSessionsPerWeek() == null ? 0 : r.phaseSessionsPerWeek(), false, r.admissionDate());
        enrolments.insert(e);
        outbox.append(EnrolmentEvents.enrolled(e, clock.instant()));
        audit.change("enrolment", e.clientId().toString(), "enrolled in program " + programId);
        return e;
    }

    @Transactional
    public Enrolment update(UUID clientId, EnrolmentRequests.Update r) {
        Enrolment old = enrolments.lock(clientId);
        requireActive(old);
        checkDates(r.dateOfBirth(), r.admissionDate(), r.plannedDischargeDate());
        if (enrolments.bookingsOutside(clientId, r.admissionDate(), r.plannedDischargeDate()) > 0) {
            throw RuleViolation.unprocessable("bookings-outside-enrolment", "plannedDischargeDate",
                    "the client has bookings outside the new enrolment period; cancel them first");
        }
        Enrolment e = new Enrolment(clientId, old.programId(), r.displayName(), r.dateOfBirth(), r.track(),
                r.admissionDate(), r.plannedDischargeDate(), null, EnrolmentStatus.ACTIVE,
                old.phaseSessionsPerWeek(), old.phaseStepDown(), old.phaseSince());
        enrolments.update(e);
        updated(e);
        return e;
    }

    /** A new phase, e.g. stepping down from 5 to 3 sessions a week; a planned step-down is flagged for compliance. */
    @Transactional
    public Enrolment changePhase(UUID clientId, EnrolmentRequests.Phase r) {
        Enrolment old = enrolments.lock(clientId);
        requireActive(old);
        Program program = programs.get(old.programId(), "programId");
        LocalDate since = r.effectiveFrom() != null ? r.effectiveFrom() : program.calendar().today(clock.instant());
        Enrolment e = new Enrolment(clientId, old.programId(), old.displayName(), old.dateOfBirth(), old.track(),
                old.admissionDate(), old.plannedDischargeDate(), null, EnrolmentStatus.ACTIVE, r.sessionsPerWeek(),
                Boolean.TRUE.equals(r.stepDown()), since);
        enrolments.update(e);
        updated(e);
        return e;
    }

    /** Discharges the client and cancels bookings after the discharge day (reason CLIENT_DISCHARGED). */
    @Transactional
    public Enrolment discharge(UUID clientId, EnrolmentRequests.Discharge r) {
        Enrolment old = enrolments.lock(clientId);
        requireActive(old);
        Program program = programs.get(old.programId(), "programId");
        LocalDate day = r.dischargeDate() != null ? r.dischargeDate() : program.calendar().today(clock.instant());
        if (day.isBefore(old.admissionDate())) {
            throw RuleViolation.invalid("dischargeDate", "dischargeDate must not be before admissionDate");
        }
        List<BookedSeat> later = bookings.bookedForClientAfter(clientId, day);
        bookingService.cancelSeats(later, r.reason() != null ? r.reason() : ChangeReason.CLIENT_DISCHARGED, r.note());
        Enrolment e = new Enrolment(clientId, old.programId(), old.displayName(), old.dateOfBirth(), old.track(),
                old.admissionDate(), old.plannedDischargeDate(), day, EnrolmentStatus.DISCHARGED,
                old.phaseSessionsPerWeek(), old.phaseStepDown(), old.phaseSince());
        enrolments.update(e);
        discharges.publishEvent(new ClientLeft(clientId));
        outbox.append(EnrolmentEvents.discharged(e, clock.instant()));
        audit.change("enrolment", clientId.toString(), "discharged on " + day);
        return e;
    }

    private void updated(Enrolment e) {
        outbox.append(EnrolmentEvents.updated(e, clock.instant()));
        audit.change("enrolment", e.clientId().toString(), "updated");
    }

    private static void requireActive(Enrolment e) {
        if (e.status() == EnrolmentStatus.DISCHARGED) {
            throw new RuleViolation(org.springframework.http.HttpStatus.CONFLICT, "client-discharged",
                    "Client " + e.clientId() + " is discharged",
                    List.of(new RuleViolation.FieldProblem("clientId", "client is discharged")));
        }
    }

    private static void checkDates(LocalDate dateOfBirth, LocalDate admission, LocalDate plannedDischarge) {
        if (!dateOfBirth.isBefore(admission)) {
            throw RuleViolation.invalid("dateOfBirth", "dateOfBirth must be before admissionDate");
        }
        if (plannedDischarge != null && plannedDischarge.isBefore(admission)) {
            throw RuleViolation.invalid("plannedDischargeDate", "plannedDischargeDate must not be before admissionDate");
        }
    }
}
