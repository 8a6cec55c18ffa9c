package org.openiop.attendance.attendance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.openiop.attendance.compliance.MissedReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only attendance_revision table. */
@Repository
class AttendanceRevisionRepository {

    private final JdbcClient jdbc;

    AttendanceRevisionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AttendanceRevision> current(String bookingId) {
        return jdbc.sql("SELECT * FROM attendance_revision WHERE booking_id = :b ORDER BY revision DESC LIMIT 1")
                .param("b", bookingId).query(AttendanceRevisionRepository::map).optional();
    }

    List<AttendanceRevision> history(String bookingId) {
        return jdbc.sql("SELECT * FROM attendance_revision WHERE booking_id = :b ORDER BY revision")
                .param("b", bookingId).query(AttendanceRevisionRepository::map).list();
    }

    /** Every revision of the given bookings, by booking then revision. */
    List<AttendanceRevision> histories(Collection<String> bookingIds) {
        return jdbc.sql("SELECT * FROM attendance_revision WHERE booking_id = ANY(:ids) ORDER BY booking_id, revision")
                .param("ids", bookingIds.toArray(String[]::new)).query(AttendanceRevisionRepository::map).list();
    }

    /** The highest revision of each of the given bookings that has one. */
    List<AttendanceRevision> current(Collection<String> bookingIds) {
        return jdbc.sql("""
                SELECT DISTINCT ON (booking_id) * FROM attendance_revision WHERE booking_id = ANY(:ids)
                ORDER BY booking_id, revision DESC""")
                .param("ids", bookingIds.toArray(String[]::new)).query(AttendanceRevisionRepository::map).list();
    }

    /** Appends; a second writer of the same revision fails on the primary key. */
    AttendanceRevision append(AttendanceRevision r) {
        return insert(r, "").orElseThrow();
    }

    /** Appends unless that revision exists already (the no-show sweep: whoever wrote first wins). */
    Optional<AttendanceRevision> appendIfAbsent(AttendanceRevision r) {
        return insert(r, " ON CONFLICT ON CONSTRAINT attendance_revision_pk DO NOTHING");
    }

    private Optional<AttendanceRevision> insert(AttendanceRevision r, String onConflict) {
        return jdbc.sql("""
                INSERT INTO attendance_revision (booking_id, revision, outcome, checked_in_at, checked_out_at,
                    attended_minutes, missed_reason, automatic, note, correction_reason, recorded_by, late_entry_reason)
                VALUES (:b, :rev, :outcome, :in, :out, :minutes, :reason, :automatic, :note, :correction, :by,
                    :late)"""
                + onConflict + " RETURNING *")
                .param("b", r.bookingId()).param("rev", r.revision()).param("outcome", r.outcome().name())
                .param("in", ts(r.checkedInAt())).param("out", ts(r.checkedOutAt()))
                .param("minutes", r.attendedMinutes())
                .param("reason", r.missedReason() == null ? null : r.missedReason().name())
                .param("automatic", r.automatic()).param("note", r.note()).param("correction", r.correctionReason())
                .param("by", r.recordedBy()).param("late", r.lateEntryReason())
                .query(AttendanceRevisionRepository::map).optional();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static AttendanceRevision map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("missed_reason");
        return new AttendanceRevision(rs.getString("booking_id"), rs.getInt("revision"),
                AttendanceRevision.Outcome.valueOf(rs.getString("outcome")), instant(rs, "checked_in_at"),
                instant(rs, "checked_out_at"), rs.getInt("attended_minutes"),
                reason == null ? null : MissedReason.valueOf(reason), rs.getBoolean("automatic"), rs.getString("note"),
                rs.getString("correction_reason"), rs.getString("recorded_by"), instant(rs, "recorded_at"),
                rs.getString("late_entry_reason"));
    }
}
