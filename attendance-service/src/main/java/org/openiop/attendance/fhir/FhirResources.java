package org.openiop.attendance.fhir;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.openiop.attendance.attendance.AttendanceReader;
import org.openiop.attendance.attendance.AttendanceRevision;
import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.booking.BookingRepository;
import org.openiop.attendance.telehealth.TelehealthServices;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * BookingRepository as FHIR R4 resources, built with HAPI's model: an {@code Appointment} per booking (booked, cancelled,
 * noshow, fulfilled from its latest attendance revision) and an {@code Encounter} per attended session with the real
 * check-in/check-out period. The client appears only as a reference {@code Patient/<clientId>}: no name, no birth
 * date (this service holds none). Read through the owning packages' APIs (booking, attendance, telehealth).
 */
@Service
class FhirResources {

    /** Identifier system for booking ids (a URN: nothing to resolve). */
    static final String BOOKING_SYSTEM = "urn:openiop:booking";
    /** Extension marking a record entered after the session took place (late entry, issue 19). */
    static final String LATE_ENTRY = "urn:openiop:fhir:StructureDefinition:late-entry";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final BookingRepository bookings;
    private final AttendanceReader attendance;
    private final TelehealthServices telehealth;

    FhirResources(BookingRepository bookings, AttendanceReader attendance, TelehealthServices telehealth) {
        this.bookings = bookings;
        this.attendance = attendance;
        this.telehealth = telehealth;
    }

    /** One snapshot (repeatable read) for the three reads, as the single query this replaced had. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<BookingRecord> ofClient(String clientId) {
        return records(bookings.ofClient(clientId));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Optional<BookingRecord> booking(String bookingId) {
        return bookings.find(bookingId).map(b -> records(List.of(b)).get(0));
    }

    /**
     * Each booking with its current attendance record and whether it was a telehealth service, each read through
     * its owner's API (booking, attendance, telehealth): this package names no table.
     */
    private List<BookingRecord> records(List<Booking> found) {
        List<String> ids = found.stream().map(Booking::bookingId).toList();
        Map<String, AttendanceRevision> current = attendance.current(ids);
        Set<String> video = telehealth.telehealthBookings(ids);
        return found.stream().map(b -> record(b, current.get(b.bookingId()), video.contains(b.bookingId())))
                .toList();
    }

    static Appointment appointment(BookingRecord b) {
        Appointment a = new Appointment();
        a.setId(b.bookingId());
        a.addIdentifier(new Identifier().setSystem(BOOKING_SYSTEM).setValue(b.bookingId()));
        a.setStatus(status(b));
        a.addServiceType(new CodeableConcept().setText(b.sessionType()));
        a.setStart(Date.from(b.startsAt()));
        a.setEnd(Date.from(b.endsAt()));
        a.setMinutesDuration((int) java.time.Duration.between(b.startsAt(), b.endsAt()).toMinutes());
        a.addParticipant().setActor(patient(b.clientId()))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        lateEntries(b).forEach(a::addExtension);
        return a;
    }

    static Appointment.AppointmentStatus status(BookingRecord b) {
        if (b.cancelled()) {
            return Appointment.AppointmentStatus.CANCELLED;
        }
        if ("ATTENDED".equals(b.outcome())) {
            return Appointment.AppointmentStatus.FULFILLED;
        }
        return "MISSED".equals(b.outcome()) ? Appointment.AppointmentStatus.NOSHOW
                : Appointment.AppointmentStatus.BOOKED;
    }

    /** Only for attended bookings: the period is the real check-in to check-out, the length the counted minutes. */
    static Encounter encounter(BookingRecord b) {
        Encounter e = new Encounter();
        e.setId(b.bookingId());
        e.addIdentifier(new Identifier().setSystem(BOOKING_SYSTEM).setValue(b.bookingId()));
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        // telehealth (issue 18): a service delivered by video is a virtual encounter
        e.setClass_(b.telehealth() ? new Coding(ACT_CODE, "VR", "virtual")
                : new Coding(ACT_CODE, "AMB", "ambulatory"));
        e.addType(new CodeableConcept().setText(b.sessionType()));
        e.setSubject(patient(b.clientId()));
        e.addAppointment(new Reference("Appointment/" + b.bookingId()));
        e.setPeriod(new Period().setStart(Date.from(b.checkedInAt())).setEnd(Date.from(b.checkedOutAt())));
        Duration length = new Duration();
        length.setValue(b.attendedMinutes()).setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
        e.setLength(length);
        lateEntries(b).forEach(e::addExtension);
        return e;
    }

    /**
     * A late entry (issue 19) as an extension per record entered after the session took place: what (session,
     * booking, attendance), by whom and when; the attendance's reason too (the session's and booking's stay in
     * scheduling).
     */
    static List<Extension> lateEntries(BookingRecord b) {
        List<Extension> marks = new java.util.ArrayList<>();
        if (b.lateEnteredBy() != null) {
            if (b.sessionEnteredLate()) {
                marks.add(lateEntry("session", b.lateEnteredBy(), b.lateEnteredAt(), null));
            }
            marks.add(lateEntry("booking", b.lateEnteredBy(), b.lateEnteredAt(), null));
        }
        if (b.attendanceLateEntryReason() != null) {
            marks.add(lateEntry("attendance", b.recordedBy(), b.recordedAt(), b.attendanceLateEntryReason()));
        }
        return marks;
    }

    private static Extension lateEntry(String what, String by, Instant at, String reason) {
        Extension mark = new Extension(LATE_ENTRY);
        mark.addExtension("record", new CodeType(what));
        mark.addExtension("enteredBy", new StringType(by));
        mark.addExtension("enteredAt", new DateTimeType(Date.from(at)));
        if (reason != null) {
            mark.addExtension("reason", new StringType(reason));
        }
        return mark;
    }

    private static Reference patient(String clientId) {
        return new Reference("Patient/" + clientId);
    }

    private static BookingRecord record(Booking b, AttendanceRevision r, boolean telehealth) {
        Booking.LateEntry late = b.lateEntry();
        return new BookingRecord(b.bookingId(), b.clientId(), b.programId(), b.sessionType().name(), b.startsAt(),
                b.endsAt(), b.cancelled(), r == null ? null : r.outcome().name(), r == null ? null : r.checkedInAt(),
                r == null ? null : r.checkedOutAt(), r == null ? 0 : r.attendedMinutes(),
                r == null || r.missedReason() == null ? null : r.missedReason().name(), telehealth,
                late == null ? null : late.enteredBy(), late == null ? null : late.enteredAt(),
                late != null && late.sessionEnteredLate(), r == null ? null : r.lateEntryReason(),
                r == null ? null : r.recordedBy(), r == null ? null : r.recordedAt());
    }

    /** A booking and its latest attendance record (outcome null while nothing is recorded). */
    public record BookingRecord(String bookingId, String clientId, String programId, String sessionType,
            Instant startsAt, Instant endsAt, boolean cancelled, String outcome, Instant checkedInAt,
            Instant checkedOutAt, int attendedMinutes, String missedReason, boolean telehealth,
            String lateEnteredBy, Instant lateEnteredAt, boolean sessionEnteredLate, String attendanceLateEntryReason,
            String recordedBy, Instant recordedAt) {

        boolean attended() {
            return "ATTENDED".equals(outcome) && checkedInAt != null && checkedOutAt != null;
        }
    }
}
