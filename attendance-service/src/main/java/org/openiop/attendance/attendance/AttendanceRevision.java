package org.openiop.attendance.attendance;

import java.time.Instant;

import org.openiop.attendance.compliance.MissedReason;

/**
 * One version of a booking's attendance. Revision 1 is the first entry; every correction adds one with its reason,
 * so who changed what, when and why stays visible.
 */
public record AttendanceRevision(String bookingId, int revision, Outcome outcome, Instant checkedInAt,
        Instant checkedOutAt, int attendedMinutes, MissedReason missedReason, boolean automatic, String note,
        String correctionReason, String recordedBy, Instant recordedAt, String lateEntryReason) {

    public enum Outcome {
        ATTENDED, MISSED
    }

    /** Who the record comes from: staff, the automatic no-show, or a video platform (telehealth). */
    public enum Source {
        STAFF, SYSTEM, TELEHEALTH
    }

    /** Recorded-by names of video platform adapters start with this, e.g. {@code telehealth:zoom}. */
    public static final String TELEHEALTH_PREFIX = "telehealth:";

    public Source source() {
        if (recordedBy != null && recordedBy.startsWith(TELEHEALTH_PREFIX)) {
            return Source.TELEHEALTH;
        }
        return automatic || AttendanceRecorder.SYSTEM.equals(recordedBy) ? Source.SYSTEM : Source.STAFF;
    }

    /** The same record marked as a late entry of something that already happened, with its reason. */
    AttendanceRevision enteredLate(String reason) {
        return new AttendanceRevision(bookingId, revision, outcome, checkedInAt, checkedOutAt, attendedMinutes,
                missedReason, automatic, note, correctionReason, recordedBy, recordedAt, reason);
    }

    static AttendanceRevision attended(String bookingId, int revision, Instant in, Instant out, int minutes,
            String note, String reason, String by) {
        return new AttendanceRevision(bookingId, revision, Outcome.ATTENDED, in, out, minutes, null, false, note,
                reason, by, null, null);
    }

    static AttendanceRevision missed(String bookingId, int revision, MissedReason missedReason, boolean automatic,
            String note, String reason, String by) {
        return new AttendanceRevision(bookingId, revision, Outcome.MISSED, null, null, 0, missedReason, automatic,
                note, reason, by, null, null);
    }
}
