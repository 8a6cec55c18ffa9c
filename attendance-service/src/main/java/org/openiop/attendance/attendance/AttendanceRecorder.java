package org.openiop.attendance.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.booking.BookingRepository;
import org.openiop.attendance.compliance.ComplianceRules;
import org.openiop.attendance.compliance.MissedReason;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records attendance, absences, roster calls and corrections. Each change locks its booking, appends a revision and
 * puts the matching event in the outbox in one transaction: stored and announced together, or neither.
 */
@Service
public class AttendanceRecorder {

    public static final String SYSTEM = "system";

    private final BookingRepository bookings;
    private final AttendanceRevisionRepository revisions;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration tolerance;
    private final RecordingWindow window;

    AttendanceRecorder(BookingRepository bookings, AttendanceRevisionRepository revisions, OutboxWriter outbox, AuditTrail audit,
            Clock clock, AttendanceProperties properties, RecordingWindow window) {
        this.window = window;
        this.bookings = bookings;
        this.revisions = revisions;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
        this.tolerance = properties.recording().tolerance();
    }

    @Transactional
    public AttendanceRevision checkInOut(String bookingId, Instant in, Instant out, String note, String by) {
        return checkInOut(bookingId, in, out, note, by, null);
    }

    /** A check-in/out or whole session; for a booking entered late, a late entry with its reason. */
    @Transactional
    public AttendanceRevision checkInOut(String bookingId, Instant in, Instant out, String note, String by,
            String lateEntryReason) {
        Booking booking = openBooking(bookingId, "");
        String late = window.lateEntry(booking, lateEntryReason, "", true);
        return append(booking, attendedRevision(booking, 1, in, out, note, null, by, "").enteredLate(late));
    }

    @Transactional
    public AttendanceRevision absence(String bookingId, MissedReason reason, String note, String by,
            String lateEntryReason) {
        Booking booking = openBooking(bookingId, "");
        window.sessionStarted(booking, "bookingId");
        String late = window.lateEntry(booking, lateEntryReason, "", true);
        return append(booking, AttendanceRevision.missed(bookingId, 1, reason, false, note, null, by)
                .enteredLate(late));
    }

    /** A correction of any earlier record, including an automatic no-show; the booking may since be cancelled. */
    @Transactional
    public AttendanceRevision correct(String bookingId, AttendanceRequests.Correction c, String by) {
        Booking booking = bookings.lock(bookingId)
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        AttendanceRevision current = revisions.current(bookingId).orElseThrow(() -> RuleViolation.conflict(
                "nothing-to-correct", "Booking " + bookingId + " has no attendance yet; record it instead"));
        int next = current.revision() + 1;
        AttendanceRevision revision;
        if (c.outcome() == AttendanceRevision.Outcome.ATTENDED) {
            if (c.checkedInAt() == null) {
                throw RuleViolation.invalid("checkedInAt", "checkedInAt is required when the outcome is ATTENDED");
            }
            if (c.checkedOutAt() == null) {
                throw RuleViolation.invalid("checkedOutAt", "checkedOutAt is required when the outcome is ATTENDED");
            }
            revision = attendedRevision(booking, next, c.checkedInAt(), c.checkedOutAt(), c.note(), c.reason(), by,
                    "");
        } else {
            if (c.missedReason() == null) {
                throw RuleViolation.invalid("missedReason", "missedReason is required when the outcome is MISSED");
            }
            if (c.checkedInAt() != null || c.checkedOutAt() != null) {
                throw RuleViolation.invalid("checkedInAt", "a missed session has no check-in or check-out");
            }
            window.sessionStarted(booking, "outcome");
            revision = AttendanceRevision.missed(bookingId, next, c.missedReason(), false, c.note(), c.reason(), by);
        }
        return append(booking, revision);
    }

    /**
     * Attendance computed from a video platform's participant events (telehealth package): the merged, clipped
     * minutes with the first join and last leave. Appended as revision 1, or as a new revision when the computed
     * record changed; never over a record staff made or corrected (theirs stands until they correct it again).
     * Returns what was written, if anything.
     */
    @Transactional
    public java.util.Optional<AttendanceRevision> fromVideoPlatform(String bookingId, Instant in, Instant out,
            int minutes, String by) {
        Booking booking = bookings.lock(bookingId).orElse(null);
        if (booking == null || booking.cancelled()) {
            return java.util.Optional.empty();
        }
        java.util.Optional<AttendanceRevision> current = revisions.current(bookingId);
        if (current.isPresent()) {
            AttendanceRevision c = current.get();
            if (c.source() == AttendanceRevision.Source.STAFF) {
                return java.util.Optional.empty();
            }
            if (c.outcome() == AttendanceRevision.Outcome.ATTENDED && c.attendedMinutes() == minutes
                    && c.checkedInAt().equals(in) && c.checkedOutAt().equals(out)) {
                return java.util.Optional.empty();
            }
        }
        int next = current.map(r -> r.revision() + 1).orElse(1);
        return java.util.Optional.of(append(booking, AttendanceRevision.attended(bookingId, next, in, out, minutes,
                null, next == 1 ? null : "updated from the video platform's participant events", by)));
    }

    /** A roster call for a whole group session: every line is recorded, or (on any refusal) none is. */
    @Transactional
    public List<AttendanceRevision> rollCall(String sessionId, List<AttendanceRequests.RollCallEntry> entries,
            String by, String lateEntryReason) {
        Map<String, Booking> ofSession = new HashMap<>();
        bookings.ofSession(sessionId).forEach(b -> ofSession.put(b.bookingId(), b));
        if (ofSession.isEmpty()) {
            throw RuleViolation.notFound("sessionId", "Session", sessionId);
        }
        List<AttendanceRevision> recorded = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            AttendanceRequests.RollCallEntry entry = entries.get(i);
            String field = "entries[" + i + "]";
            if (!ofSession.containsKey(entry.bookingId())) {
                throw RuleViolation.unprocessable("not-in-session", field + ".bookingId",
                        "Booking " + entry.bookingId() + " is not booked into session " + sessionId);
            }
            if (!seen.add(entry.bookingId())) {
                throw RuleViolation.invalid(field + ".bookingId", "Booking " + entry.bookingId() + " is listed twice");
            }
            Booking booking = openBooking(entry.bookingId(), field + ".");
            String late = window.lateEntry(booking, lateEntryReason, field + ".", false);
            AttendanceRevision revision = switch (entry.presence()) {
                case PRESENT -> attendedRevision(booking, 1,
                        entry.checkedInAt() == null ? booking.startsAt() : entry.checkedInAt(),
                        entry.checkedOutAt() == null ? booking.endsAt() : entry.checkedOutAt(), entry.note(), null, by,
                        field + ".");
                case EXCUSED, UNEXCUSED -> {
                    window.sessionStarted(booking, field + ".presence");
                    yield AttendanceRevision.missed(booking.bookingId(), 1,
                            MissedReason.valueOf(entry.presence().name()), false, entry.note(), null, by);
                }
            };
            recorded.add(append(booking, revision.enteredLate(late)));
        }
        return recorded;
    }

    /**
     * The automatic no-show for a booking the caller has claimed. Returns false when someone recorded it first
     * (the primary key on booking and revision lets only one writer have revision 1).
     */
    @Transactional
    public boolean noShow(Booking booking) {
        var written = revisions.appendIfAbsent(AttendanceRevision.missed(booking.bookingId(), 1, MissedReason.NO_SHOW,
                true, null, null, SYSTEM));
        written.ifPresent(r -> announce(booking, r));
        return written.isPresent();
    }

    @Transactional
    public BookingAttendance history(String bookingId) {
        Booking booking = bookings.find(bookingId)
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        audit.read("attendance", booking.clientId());
        return new BookingAttendance(booking, revisions.history(bookingId), window.allowed(booking));
    }

    @Transactional
    public List<BookingAttendance> roster(String sessionId) {
        List<Booking> ofSession = bookings.ofSession(sessionId);
        if (ofSession.isEmpty()) {
            throw RuleViolation.notFound("sessionId", "Session", sessionId);
        }
        audit.reads("attendance", ofSession.stream().map(Booking::clientId).toList());
        return ofSession.stream().map(b -> new BookingAttendance(b, revisions.history(b.bookingId()),
                window.allowed(b))).toList();
    }

    /** A booking, every revision of its attendance (oldest first), and what may be recorded for it now. */
    public record BookingAttendance(Booking booking, List<AttendanceRevision> revisions,
            java.util.Set<RecordingWindow.Action> allowed) {
    }

    /** The booking, locked, provided it exists, is not cancelled and has no attendance yet. */
    private Booking openBooking(String bookingId, String fieldPrefix) {
        Booking booking = bookings.lock(bookingId)
                .orElseThrow(() -> RuleViolation.notFound(fieldPrefix + "bookingId", "Booking", bookingId));
        if (booking.cancelled()) {
            throw new RuleViolation(HttpStatus.CONFLICT, "booking-cancelled", "Booking " + bookingId
                    + " was cancelled; attendance cannot be recorded for it",
                    List.of(new RuleViolation.FieldProblem(fieldPrefix + "bookingId", "booking was cancelled")));
        }
        if (booking.recorded()) {
            throw new RuleViolation(HttpStatus.CONFLICT, "attendance-already-recorded", "Booking " + bookingId
                    + " already has attendance; send a correction with a reason to change it",
                    List.of(new RuleViolation.FieldProblem(fieldPrefix + "bookingId", "already recorded")));
        }
        return booking;
    }

    private AttendanceRevision attendedRevision(Booking booking, int revision, Instant in, Instant out, String note,
            String reason, String by, String fieldPrefix) {
        if (!out.isAfter(in)) {
            throw RuleViolation.invalid(fieldPrefix + "checkedOutAt", "checkedOutAt must be after checkedInAt");
        }
        if (in.isAfter(booking.endsAt())) {
            throw RuleViolation.unprocessable("outside-session", fieldPrefix + "checkedInAt", "checkedInAt " + in
                    + " is outside the session (" + booking.startsAt() + " to " + booking.endsAt() + ")");
        }
        window.checkIn(booking, in, fieldPrefix + "checkedInAt");
        if (out.isAfter(booking.endsAt().plus(tolerance)) || !out.isAfter(booking.startsAt())) {
            throw RuleViolation.unprocessable("outside-session", fieldPrefix + "checkedOutAt", "checkedOutAt " + out
                    + " is beyond the session (" + booking.startsAt() + " to " + booking.endsAt() + ")");
        }
        window.notInTheFuture(out, fieldPrefix + "checkedOutAt");
        int minutes = ComplianceRules.attendedMinutes(booking.startsAt(), booking.endsAt(), in, out);
        return AttendanceRevision.attended(booking.bookingId(), revision, in, out, minutes, note, reason, by);
    }

    private AttendanceRevision append(Booking booking, AttendanceRevision revision) {
        AttendanceRevision written = revisions.append(revision);
        announce(booking, written);
        audit.change("attendance", booking.clientId(), "booking " + booking.bookingId() + " revision "
                + written.revision() + " " + written.outcome()
                + (written.lateEntryReason() == null ? "" : " as a late entry: " + written.lateEntryReason()));
        return written;
    }

    private void announce(Booking booking, AttendanceRevision r) {
        bookings.markRecorded(booking.bookingId());
        Instant now = clock.instant();
        outbox.append(r.outcome() == AttendanceRevision.Outcome.ATTENDED ? OutcomeEvents.attended(booking, r, now)
                : OutcomeEvents.missed(booking, r, now));
    }
}
