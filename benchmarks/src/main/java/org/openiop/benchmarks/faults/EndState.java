package org.openiop.benchmarks.faults;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * What the services really hold for a set of programs, read from their databases with a read-only connection (each
 * service owns a schema of the one database). A query that fails while PostgreSQL restarts is retried.
 *
 * <p>Only an applied event can change these figures: a SessionScheduled is a row in attendance's and notification's
 * booking tables; a SessionAttended is a counted session and its minutes in attendance's compliance projection.
 */
final class EndState {

    private final String url;
    private final String user;

    EndState(String url, String user) {
        this.url = url;
        this.user = user;
    }

    /** Bookings and attendance of the given programs, produced (in the owning service) and applied (downstream). */
    record Counts(long bookingsMade, long bookingsInAttendance, long bookingsInNotification, long attendanceRecords,
            long recordedMinutes, long complianceSessions, long complianceMinutes) {

        boolean settled() {
            return bookingsInAttendance == bookingsMade && bookingsInNotification == bookingsMade
                    && complianceSessions == attendanceRecords && complianceMinutes == recordedMinutes;
        }
    }

    Counts of(List<String> programs) {
        String[] ids = programs.toArray(String[]::new);
        return query(c -> new Counts(
                count(c, "SELECT count(*) FROM scheduling.booking WHERE program_id::text = ANY(?) AND status = 'BOOKED'", (Object) ids),
                count(c, "SELECT count(*) FROM attendance.booking WHERE program_id = ANY(?)", (Object) ids),
                count(c, "SELECT count(*) FROM notification.booking WHERE program_id = ANY(?)", (Object) ids),
                count(c, """
                        SELECT count(*) FROM attendance.attendance_revision r JOIN attendance.booking b USING (booking_id)
                        WHERE b.program_id = ANY(?) AND r.outcome = 'ATTENDED'
                          AND r.revision = (SELECT max(revision) FROM attendance.attendance_revision x
                                            WHERE x.booking_id = r.booking_id)""", (Object) ids),
                count(c, """
                        SELECT coalesce(sum(r.attended_minutes), 0) FROM attendance.attendance_revision r
                        JOIN attendance.booking b USING (booking_id)
                        WHERE b.program_id = ANY(?) AND r.outcome = 'ATTENDED'
                          AND r.revision = (SELECT max(revision) FROM attendance.attendance_revision x
                                            WHERE x.booking_id = r.booking_id)""", (Object) ids),
                count(c, "SELECT count(*) FROM attendance.compliance_session WHERE program_id = ANY(?) AND outcome = 'ATTENDED'", (Object) ids),
                count(c, "SELECT coalesce(sum(attended_minutes), 0) FROM attendance.compliance_week WHERE program_id = ANY(?)", (Object) ids)));
    }

    /** Every client-week the compliance projection holds for these programs, one line each, in a stable order. */
    List<String> clientWeeks(List<String> programs) {
        return query(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT concat_ws('|', client_id, program_id, week_start, track, attended_minutes,
                                     scheduled_remaining_minutes, minimum_minutes, status, closed)
                    FROM attendance.compliance_week WHERE program_id = ANY(?)
                    ORDER BY program_id, client_id, week_start""")) {
                s.setArray(1, c.createArrayOf("text", programs.toArray(String[]::new)));
                List<String> weeks = new java.util.ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        weeks.add(r.getString(1));
                    }
                }
                return weeks;
            }
        });
    }

    /** Client messages the notification service logged as sent for a program, and how many (reference, kind) twice. */
    long[] deliveries(String program) {
        return query(c -> new long[] {
                count(c, "SELECT count(*) FROM notification.delivery WHERE program_id = ? AND audience = 'CLIENT' AND status = 'SENT'", program),
                count(c, "SELECT count(*) FROM notification.delivery WHERE program_id = ? AND audience = 'CLIENT' AND status IN ('PLANNED', 'SENDING') AND due_at <= now()", program) });
    }

    /** Events written to the services' outboxes and not yet on the broker. */
    long outboxBacklog() {
        return query(c -> count(c, """
                SELECT (SELECT count(*) FROM scheduling.outbox WHERE published_at IS NULL)
                     + (SELECT count(*) FROM attendance.outbox WHERE published_at IS NULL)
                     + (SELECT count(*) FROM notification.outbox WHERE published_at IS NULL)"""));
    }

    private interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T query(Query<T> query) {
        SQLException last = null;
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Connection c = DriverManager.getConnection(url, user, "")) {
                c.setReadOnly(true);
                return query.run(c);
            } catch (SQLException e) {
                if (last == null || attempt % 30 == 0) {
                    FaultSuite.log("database read failed, retrying: " + e.getMessage());
                }
                last = e; // PostgreSQL restarting
                Pause.of(Duration.ofSeconds(1));
            }
        }
        throw new IllegalStateException("PostgreSQL unreachable at " + url, last);
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("text", array));
                } else {
                    s.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
