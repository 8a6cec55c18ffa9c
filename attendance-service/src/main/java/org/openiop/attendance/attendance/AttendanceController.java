package org.openiop.attendance.attendance;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.compliance.MissedReason;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** Staff record attendance here; STAFF for changes, STAFF or COMPLIANCE_OFFICER to read. */
@RestController
@Validated
class AttendanceController {

    private final AttendanceRecorder recorder;

    AttendanceController(AttendanceRecorder recorder) {
        this.recorder = recorder;
    }

    @PostMapping("/api/bookings/{bookingId}/attendance")
    ResponseEntity<RecordView> checkInOut(@PathVariable String bookingId,
            @Valid @RequestBody AttendanceRequests.CheckInOut body, Principal user) {
        AttendanceRevision r = recorder.checkInOut(bookingId, body.checkedInAt(), body.checkedOutAt(), body.note(),
                user.getName(), body.lateEntryReason());
        return created(bookingId, r);
    }

    @PostMapping("/api/bookings/{bookingId}/absence")
    ResponseEntity<RecordView> absence(@PathVariable String bookingId,
            @Valid @RequestBody AttendanceRequests.Absence body, Principal user) {
        return created(bookingId, recorder.absence(bookingId, body.reason().asMissed(), body.note(), user.getName(),
                body.lateEntryReason()));
    }

    @PostMapping("/api/bookings/{bookingId}/attendance/corrections")
    ResponseEntity<RecordView> correct(@PathVariable String bookingId,
            @Valid @RequestBody AttendanceRequests.Correction body, Principal user) {
        return created(bookingId, recorder.correct(bookingId, body, user.getName()));
    }

    @GetMapping("/api/bookings/{bookingId}/attendance")
    BookingView history(@PathVariable String bookingId) {
        return BookingView.of(recorder.history(bookingId));
    }

    @PostMapping("/api/sessions/{sessionId}/roster")
    ResponseEntity<List<RecordView>> rollCall(@PathVariable String sessionId,
            @Valid @RequestBody AttendanceRequests.RollCall body, Principal user) {
        List<RecordView> recorded = recorder.rollCall(sessionId, body.entries(), user.getName(),
                body.lateEntryReason()).stream()
                .map(RecordView::of).toList();
        return ResponseEntity.status(HttpStatus.CREATED).body(recorded);
    }

    @GetMapping("/api/sessions/{sessionId}/roster")
    List<BookingView> roster(@PathVariable String sessionId) {
        return recorder.roster(sessionId).stream().map(BookingView::of).toList();
    }

    private static ResponseEntity<RecordView> created(String bookingId, AttendanceRevision r) {
        return ResponseEntity.created(URI.create("/api/bookings/" + bookingId + "/attendance")).body(RecordView.of(r));
    }

    /** One revision of a booking's attendance as the API shows it. */
    record RecordView(String bookingId, int revision, AttendanceRevision.Outcome outcome, Instant checkedInAt,
            Instant checkedOutAt, int attendedMinutes, MissedReason missedReason, boolean automatic, String note,
            String recordedBy, Instant recordedAt, AttendanceRevision.Source source, String lateEntryReason) {

        static RecordView of(AttendanceRevision r) {
            return new RecordView(r.bookingId(), r.revision(), r.outcome(), r.checkedInAt(), r.checkedOutAt(),
                    r.attendedMinutes(), r.missedReason(), r.automatic(), r.note(), r.recordedBy(), r.recordedAt(),
                    r.source(), r.lateEntryReason());
        }
    }

    /** A correction: who, when, why, and the record before and after it. */
    record CorrectionView(int revision, String by, Instant at, String reason, RecordView before, RecordView after) {
    }

    record BookingView(String bookingId, String sessionId, String clientId, String programId, Instant startsAt,
            Instant endsAt, boolean cancelled, RecordView current, List<CorrectionView> corrections,
            java.util.Set<RecordingWindow.Action> allowedActions, Booking.LateEntry lateEntry) {

        static BookingView of(AttendanceRecorder.BookingAttendance a) {
            Booking b = a.booking();
            List<CorrectionView> corrections = new ArrayList<>();
            List<AttendanceRevision> revisions = a.revisions();
            for (int i = 1; i < revisions.size(); i++) {
                AttendanceRevision after = revisions.get(i);
                corrections.add(new CorrectionView(after.revision(), after.recordedBy(), after.recordedAt(),
                        after.correctionReason(), RecordView.of(revisions.get(i - 1)), RecordView.of(after)));
            }
            RecordView current = revisions.isEmpty() ? null : RecordView.of(revisions.get(revisions.size() - 1));
            return new BookingView(b.bookingId(), b.sessionId(), b.clientId(), b.programId(), b.startsAt(),
                    b.endsAt(), b.cancelled(), current, corrections, a.allowed(), b.lateEntry());
        }
    }
}
