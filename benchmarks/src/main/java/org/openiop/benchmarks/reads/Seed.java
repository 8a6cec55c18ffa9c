package org.openiop.benchmarks.reads;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a synthetic organisation straight into the three services' own tables (after their Flyway migrations made
 * them), set-based inside PostgreSQL ({@code INSERT ... SELECT} over {@code generate_series}): what the services would
 * have written through their APIs and event consumers over a year, in minutes instead of days.
 *
 * <p>Shape at scale 1: 1,000 programs (America/New_York, Monday weeks, MORNING 09-12 and EVENING 18-21 group sessions
 * on weekdays, 54 weeks of sessions: 51 back, the current one, 2 ahead), 100 active clients per program (100,000)
 * admitted 0-11 weeks ago and booked Monday, Wednesday and Friday in their block until 2 weeks ahead, plus
 * {@code history} discharged clients per program who each did 10 weeks earlier in the year. Past bookings have their
 * attendance (one in seven clients misses Wednesdays, one in thirteen leaves Fridays an hour early), every client-week
 * its compliance row, every client a certification each 30 days, every booking a reminder email (sent when past), and
 * each service's audit trail one read naming the program's clients and one naming a single client per program and
 * weekday for the year, in monthly partitions.
 *
 * <p>Consistency with what the services write: ids are the same on all sides (scheduling's uuid as text elsewhere);
 * the booking trigger's rules are met by construction (same program, within the enrolment, no overlaps: the exclusion
 * constraints still check that) and {@code booked_count} is the count of the session's bookings; the trigger itself is
 * off while seeding ({@code session_replication_role = replica}, which also skips the foreign-key triggers) because it
 * refuses bookings of sessions in the past, which is exactly what a year of history is. Compliance weeks are computed
 * from the seeded attendance with the rules of the projection (MET / BELOW_MINIMUM for closed weeks, MET / ON_TRACK /
 * AT_RISK for the current one).
 */
final class Seed {

    static final String ZONE = "America/New_York";
    static final int CLIENTS_PER_PROGRAM = 100;

    private final Connection db;
    private final double scale;
    private final int history;
    /** Programs {@code first..programs} are written by this run (earlier ones by a smaller scale before it). */
    private final int first;
    final int programs;
    final LocalDate weekStart;
    private long totalRows;
    private long totalNanos;

    Seed(Connection db, double scale, int history, int first) throws SQLException {
        this.db = db;
        this.scale = scale;
        this.history = history;
        this.first = first;
        this.programs = Math.max(1, (int) Math.round(1000 * scale));
        try (Statement s = db.createStatement(); var rs = s.executeQuery(
                "SELECT CAST(date_trunc('week', now() AT TIME ZONE '" + ZONE + "') AS date)")) {
            rs.next();
            weekStart = rs.getObject(1, LocalDate.class);
        }
    }

    static String programId(int p) {
        return uuid("prog/" + p);
    }

    static String clientId(int p, int k) {
        return uuid("client/" + p + "/" + k);
    }

    /** The same id the SQL below makes with {@code md5(text)::uuid}. */
    static String uuid(String text) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String hex = java.util.HexFormat.of().formatHex(d);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                    + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void run(String webuiSchema) throws SQLException {
        System.out.printf("seeding scale %s: programs %,d-%,d of %,d, %,d active clients (+%,d discharged) in all,"
                + " week of %s%n", scale, first, programs, programs, programs * CLIENTS_PER_PROGRAM,
                programs * history, weekStart);
        // one transaction: the running services' background jobs (the week closer judging enrolment weeks without
        // a row, the no-show sweep) see the organisation whole or not at all
        db.setAutoCommit(false);
        exec("SET LOCAL session_replication_role = replica");
        exec("SET LOCAL synchronous_commit = off");
        exec("SET LOCAL work_mem = '64MB'");
        helpers();
        scheduling();
        attendance();
        notification();
        audit("scheduling", "staff", "ROLE_STAFF", "enrolment", "schedule");
        audit("attendance", "officer", "ROLE_COMPLIANCE_OFFICER", "compliance-week", "compliance-history");
        audit("notification", "staff", "ROLE_STAFF", "deliveries", "reminders");
        if (webuiSchema != null) {
            int sample = sampleProgram();
            for (String user : List.of("staff", "officer", "admin")) {
                rows(webuiSchema + ".my_program", "INSERT INTO " + webuiSchema + ".my_program VALUES ('" + user
                        + "', '" + programId(sample) + "', now()) ON CONFLICT DO NOTHING");
            }
        }
        exec("DROP SCHEMA reads_seed CASCADE");
        db.commit();
        db.setAutoCommit(true);
        long t = System.nanoTime();
        for (String schema : List.of("scheduling", "attendance", "notification")) {
            for (String table : tables(schema)) {
                exec("VACUUM (ANALYZE) " + schema + "." + table);
            }
        }
        System.out.printf("VACUUM ANALYZE of the seeded schemas: %.1f s%n", (System.nanoTime() - t) / 1e9);
        System.out.printf("seeded %,d rows in %.1f s: %,.0f rows/s%n", totalRows, totalNanos / 1e9,
                totalRows / (totalNanos / 1e9));
    }

    /** The program whose reads are timed: the first, so every scale measures the same program. */
    int sampleProgram() {
        return 1;
    }

    private void helpers() throws SQLException {
        exec("DROP SCHEMA IF EXISTS reads_seed CASCADE");
        exec("CREATE SCHEMA reads_seed");
        String w0 = "DATE '" + weekStart + "'";
        rows("reads_seed.prog", """
                CREATE UNLOGGED TABLE reads_seed.prog AS
                SELECT p, md5('prog/' || p)::uuid AS id,
                       (ARRAY['Riverside','Lakeside','Hillcrest','Maple','Harbor','Cedar','Summit','Valley','Oakwood',
                              'Bayview'])[1 + p %% 10] || ' '
                       || (ARRAY['adult','evening','adolescent','recovery'])[1 + (p / 10) %% 4] || ' program '
                       || lpad(p::text, 4, '0') AS name
                FROM generate_series(%d, %d) p""".formatted(first, programs));
        rows("reads_seed.client", """
                CREATE UNLOGGED TABLE reads_seed.client AS
                SELECT c.*, %1$s + 7 * adm_week AS admission,
                       CASE WHEN active THEN NULL ELSE %1$s + 7 * (adm_week + 9) + 4 END AS discharge,
                       CASE WHEN active THEN 1 ELSE adm_week + 9 END AS last_week
                FROM (SELECT p, k, md5('client/' || p || '/' || k)::uuid AS id, md5('prog/' || p)::uuid AS program_id,
                             CASE WHEN k < %2$d THEN -(k %% 12) ELSE -(13 + ((k - %2$d) %% 39)) END AS adm_week,
                             k < %2$d AS active,
                             CASE WHEN k %% 10 = 0 THEN 'ADOLESCENT' ELSE 'ADULT' END AS track, k %% 2 AS block,
                             (ARRAY['Ana','Ben','Carla','Dev','Elena','Femi','Grace','Hugo','Ines','Jon','Kemal','Lea',
                                    'Malik','Nora','Omar','Priya','Quinn','Rosa','Sam','Tara'])[1 + k %% 20] || ' '
                             || (ARRAY['Alvarez','Brooks','Chen','Diaz','Evans','Fischer','Garcia','Haddad','Ito',
                                    'Jones','Kim','Lopez','Meyer','Nguyen','Okafor','Patel','Quist','Rossi','Singh',
                                    'Tanaka'])[1 + (k / 20 + p) %% 20] || ' ' || p || '-' || k AS name
                      FROM generate_series(%5$d, %3$d) p, generate_series(0, %2$d + %4$d - 1) k) c""".formatted(
                w0, CLIENTS_PER_PROGRAM, programs, history, first));
        rows("reads_seed.seat", """
                CREATE UNLOGGED TABLE reads_seed.seat AS
                SELECT s.*, s.ends_at < now() AS past,
                       CASE WHEN s.ends_at >= now() THEN 0 WHEN s.k %% 7 = 3 AND s.d = 2 THEN 0
                            WHEN s.k %% 13 = 5 AND s.d = 4 THEN 120 ELSE 180 END AS minutes,
                       CASE WHEN s.ends_at >= now() THEN 'PENDING' WHEN s.k %% 7 = 3 AND s.d = 2 THEN 'MISSED'
                            ELSE 'ATTENDED' END AS outcome
                FROM (SELECT c.p, c.k, w, d, c.block, c.track, c.id AS client_id, c.program_id,
                             md5('booking/' || c.p || '/' || c.k || '/' || w || '/' || d)::uuid AS booking_id,
                             md5('session/' || c.p || '/' || w || '/' || d || '/' || c.block)::uuid AS session_id,
                             %1$s + 7 * w + d AS local_date, %1$s + 7 * w AS week_start,
                             ((%1$s + 7 * w + d) + CASE c.block WHEN 0 THEN TIME '09:00' ELSE TIME '18:00' END)
                                 AT TIME ZONE '%2$s' AS starts_at,
                             ((%1$s + 7 * w + d) + CASE c.block WHEN 0 THEN TIME '12:00' ELSE TIME '21:00' END)
                                 AT TIME ZONE '%2$s' AS ends_at
                      FROM reads_seed.client c, generate_series(c.adm_week, c.last_week) w,
                           unnest(ARRAY[0, 2, 4]) d) s""".formatted(w0, ZONE));
        exec("CREATE INDEX ON reads_seed.seat (session_id)");
        exec("ANALYZE reads_seed.seat");
        rows("reads_seed.prog_clients", """
                CREATE UNLOGGED TABLE reads_seed.prog_clients AS
                SELECT p, array_agg(id::text ORDER BY k) AS ids, count(*) AS n FROM reads_seed.client WHERE active
                GROUP BY p""");
    }

    private void scheduling() throws SQLException {
        String w0 = "DATE '" + weekStart + "'";
        rows("scheduling.program", """
                INSERT INTO scheduling.program (id, name, time_zone, location_label, phone, created_at, updated_at)
                SELECT id, name, '%s', 'Building ' || p, '+1212555' || lpad((p %% 10000)::text, 4, '0'),
                       now() - interval '400 days', now() - interval '400 days' FROM reads_seed.prog""".formatted(ZONE));
        rows("scheduling.block_template", """
                INSERT INTO scheduling.block_template (program_id, name, start_time, end_time)
                SELECT id, b.name, b.s, b.e FROM reads_seed.prog,
                       (VALUES ('MORNING', TIME '09:00', TIME '12:00'), ('EVENING', TIME '18:00', TIME '21:00')) b (name, s, e)""");
        rows("scheduling.clinician", """
                INSERT INTO scheduling.clinician (id, program_id, display_name)
                SELECT md5('clin/' || p || '/' || b)::uuid, id, (ARRAY['Dr. Amara Chen','Dr. Luis Ortega'])[b + 1] || ' ' || p
                FROM reads_seed.prog, generate_series(0, 1) b""");
        rows("scheduling.room", """
                INSERT INTO scheduling.room (id, program_id, name, capacity)
                SELECT md5('room/' || p || '/' || b)::uuid, id, 'Group room ' || (b + 1), 60
                FROM reads_seed.prog, generate_series(0, 1) b""");
        rows("scheduling.enrolment", """
                INSERT INTO scheduling.enrolment (client_id, program_id, display_name, date_of_birth, track,
                    admission_date, discharge_date, status, phase_sessions_per_week, phase_since, created_at, updated_at)
                SELECT id, program_id, name,
                       CASE track WHEN 'ADOLESCENT' THEN admission - 5600 - k ELSE DATE '1975-01-01' + (k * 97 + p) %% 12000 END,
                       track, admission, discharge, CASE WHEN active THEN 'ACTIVE' ELSE 'DISCHARGED' END, 3, admission,
                       admission - 1, coalesce(discharge, admission - 1)
                FROM reads_seed.client""".formatted());
        rows("scheduling.session", """
                INSERT INTO scheduling.session (id, program_id, session_type, block, local_date, start_time, end_time,
                    period, capacity, booked_count, topic, clinician_id, room_id, status, created_at)
                SELECT x.id, md5('prog/' || x.p)::uuid, 'GROUP', CASE x.b WHEN 0 THEN 'MORNING' ELSE 'EVENING' END,
                       x.day, x.st, x.st + interval '3 hours',
                       tstzrange((x.day + x.st) AT TIME ZONE '%2$s', (x.day + x.st + interval '3 hours') AT TIME ZONE '%2$s'),
                       60, coalesce(n.booked, 0), 'Group therapy', md5('clin/' || x.p || '/' || x.b)::uuid,
                       md5('room/' || x.p || '/' || x.b)::uuid, 'SCHEDULED', (x.day - 30)::timestamptz
                FROM (SELECT md5('session/' || p || '/' || w || '/' || d || '/' || b)::uuid AS id, p, b,
                             %1$s + 7 * w + d AS day, CASE b WHEN 0 THEN TIME '09:00' ELSE TIME '18:00' END AS st
                      FROM generate_series(%4$d, %3$d) p, generate_series(-51, 2) w, generate_series(0, 4) d,
                           generate_series(0, 1) b) x
                LEFT JOIN (SELECT session_id, count(*) AS booked FROM reads_seed.seat GROUP BY session_id) n
                       ON n.session_id = x.id""".formatted(w0, ZONE, programs, first));
        rows("scheduling.booking", """
                INSERT INTO scheduling.booking (id, session_id, client_id, program_id, period, status, created_at)
                SELECT booking_id, session_id, client_id, program_id, tstzrange(starts_at, ends_at), 'BOOKED',
                       starts_at - interval '14 days'
                FROM reads_seed.seat""");
    }

    private void attendance() throws SQLException {
        rows("attendance.booking_program", """
                INSERT INTO attendance.booking_program SELECT id::text, 60 FROM reads_seed.prog""");
        rows("attendance.compliance_program", """
                INSERT INTO attendance.compliance_program
                SELECT id::text, '%s', 'MONDAY', 540, 360, 180, 2 FROM reads_seed.prog""".formatted(ZONE));
        rows("attendance.compliance_enrolment", """
                INSERT INTO attendance.compliance_enrolment
                SELECT id::text, program_id::text, track, admission, NULL, discharge,
                       CASE WHEN active THEN 'ACTIVE' ELSE 'DISCHARGED' END
                FROM reads_seed.client""");
        rows("attendance.booking", """
                INSERT INTO attendance.booking (booking_id, session_id, client_id, program_id, session_type, block,
                    starts_at, ends_at, time_zone, cancelled, recorded, no_show_due_at)
                SELECT booking_id::text, session_id::text, client_id::text, program_id::text, 'GROUP',
                       CASE block WHEN 0 THEN 'MORNING' ELSE 'EVENING' END, starts_at, ends_at, '%s', false, past,
                       ends_at + interval '60 minutes'
                FROM reads_seed.seat""".formatted(ZONE));
        rows("attendance.attendance_revision", """
                INSERT INTO attendance.attendance_revision (booking_id, revision, outcome, checked_in_at,
                    checked_out_at, attended_minutes, missed_reason, automatic, recorded_by, recorded_at)
                SELECT booking_id::text, 1, outcome,
                       CASE WHEN outcome = 'ATTENDED' THEN starts_at END,
                       CASE WHEN outcome = 'ATTENDED' THEN starts_at + minutes * interval '1 minute' END,
                       minutes, CASE WHEN outcome = 'MISSED' THEN 'NO_SHOW' END, outcome = 'MISSED',
                       CASE WHEN outcome = 'MISSED' THEN 'system' ELSE 'staff' END,
                       ends_at + CASE WHEN outcome = 'MISSED' THEN interval '60 minutes' ELSE interval '5 minutes' END
                FROM reads_seed.seat WHERE past""");
        rows("attendance.compliance_session", """
                INSERT INTO attendance.compliance_session (booking_id, session_id, client_id, program_id, session_type,
                    block, starts_at, ends_at, time_zone, week_start, cancelled, outcome, revision, checked_in_at,
                    checked_out_at, attended_minutes, missed_reason, automatic)
                SELECT booking_id::text, session_id::text, client_id::text, program_id::text, 'GROUP',
                       CASE block WHEN 0 THEN 'MORNING' ELSE 'EVENING' END, starts_at, ends_at, '%s', week_start, false,
                       outcome, CASE WHEN past THEN 1 ELSE 0 END,
                       CASE WHEN outcome = 'ATTENDED' THEN starts_at END,
                       CASE WHEN outcome = 'ATTENDED' THEN starts_at + minutes * interval '1 minute' END,
                       minutes, CASE WHEN outcome = 'MISSED' THEN 'NO_SHOW' END, outcome = 'MISSED'
                FROM reads_seed.seat""".formatted(ZONE));
        rows("attendance.compliance_week", """
                INSERT INTO attendance.compliance_week (client_id, program_id, week_start, track, attended_minutes,
                    scheduled_remaining_minutes, minimum_minutes, status, partial, qualifying_days, closed, closes_at,
                    evaluated_at)
                SELECT client_id::text, program_id::text, week_start, track, attended, remaining, minimum,
                       CASE WHEN w < 0 THEN CASE WHEN attended >= minimum THEN 'MET' ELSE 'BELOW_MINIMUM' END
                            WHEN attended >= minimum THEN 'MET'
                            WHEN attended + remaining >= minimum THEN 'ON_TRACK' ELSE 'AT_RISK' END,
                       false, qualifying, w < 0, ((week_start + 9)::timestamp) AT TIME ZONE '%s',
                       least(now(), max_end + interval '5 minutes')
                FROM (SELECT client_id, program_id, week_start, w, track,
                             sum(minutes) AS attended,
                             sum(CASE WHEN past THEN 0 ELSE 180 END) AS remaining,
                             CASE track WHEN 'ADOLESCENT' THEN 360 ELSE 540 END AS minimum,
                             count(*) FILTER (WHERE minutes >= 180) AS qualifying, max(ends_at) AS max_end
                      FROM reads_seed.seat GROUP BY client_id, program_id, week_start, w, track) x""".formatted(ZONE));
        // what the projection announced for each week (else its start-up sweep would announce every seeded week again)
        rows("attendance.compliance_announcement", """
                INSERT INTO attendance.compliance_announcement
                SELECT w.client_id, w.program_id, w.week_start, w.status FROM attendance.compliance_week w
                JOIN reads_seed.prog p ON p.id::text = w.program_id""");
        rows("attendance.certification", """
                INSERT INTO attendance.certification (certification_id, client_id, program_id, certified_on,
                    certified_by, period_start, period_end, due_date, recorded_by, recorded_at)
                SELECT md5('cert/' || c.p || '/' || c.k || '/' || n)::uuid::text, c.id::text, c.program_id::text,
                       c.admission + 30 * n, 'Dr. Amara Chen', c.admission + 30 * n, c.admission + 30 * n + 29,
                       c.admission + 30 * n + 30, 'officer', (c.admission + 30 * n)::timestamp + interval '12 hours'
                FROM reads_seed.client c,
                     generate_series(0, (least(CURRENT_DATE, coalesce(c.discharge, CURRENT_DATE)) - c.admission) / 30) n""");
        rows("attendance.certification_current", """
                INSERT INTO attendance.certification_current
                SELECT DISTINCT ON (client_id, program_id) client_id, program_id, certification_id, certified_on,
                       certified_by, period_start, period_end, due_date, recorded_by, recorded_at
                FROM attendance.certification c JOIN reads_seed.prog p ON p.id::text = c.program_id
                ORDER BY client_id, program_id, certified_on DESC, recorded_at DESC""");
    }

    private void notification() throws SQLException {
        rows("notification.program", """
                INSERT INTO notification.program SELECT id::text, '%s', 'Building ' || p, '+12125550100',
                       now() - interval '400 days' FROM reads_seed.prog""".formatted(ZONE));
        rows("notification.enrolment", """
                INSERT INTO notification.enrolment SELECT id::text, program_id::text, discharge, admission
                FROM reads_seed.client""");
        rows("notification.client_contact", """
                INSERT INTO notification.client_contact (client_id, email, phone, channels, email_consent, sms_consent,
                    language, updated_at)
                SELECT id::text, 'client-' || p || '-' || k || '@example.org', NULL, '{EMAIL}', true, false,
                       CASE WHEN k %% 5 = 0 THEN 'es' ELSE 'en' END, admission FROM reads_seed.client""".formatted());
        rows("notification.booking", """
                INSERT INTO notification.booking SELECT booking_id::text, client_id::text, program_id::text,
                       session_id::text, starts_at, ends_at, '%s', 'SCHEDULED', starts_at - interval '14 days', 1,
                       starts_at - interval '14 days' FROM reads_seed.seat""".formatted(ZONE));
        rows("notification.delivery", """
                INSERT INTO notification.delivery (reference, kind, channel, occasion, audience, client_id, program_id,
                    booking_id, recipient, session_starts_at, session_ends_at, time_zone, calendar_sequence, due_at,
                    status, attempts, next_attempt_at, sent_at, created_at, updated_at)
                SELECT booking_id::text, 'REMINDER_24H', 'EMAIL',
                       to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'CLIENT', client_id::text,
                       program_id::text, booking_id::text,
                       CASE WHEN starts_at - interval '24 hours' < now() THEN 'client-' || p || '-' || k || '@example.org' END,
                       starts_at, ends_at, '%s', 1, starts_at - interval '24 hours',
                       CASE WHEN starts_at - interval '24 hours' < now() THEN 'SENT' ELSE 'PLANNED' END,
                       CASE WHEN starts_at - interval '24 hours' < now() THEN 1 ELSE 0 END,
                       starts_at - interval '24 hours',
                       CASE WHEN starts_at - interval '24 hours' < now() THEN starts_at - interval '24 hours' END,
                       starts_at - interval '14 days', least(now(), starts_at - interval '24 hours')
                FROM reads_seed.seat""".formatted(ZONE));
    }

    /**
     * A year of reads in one service's audit trail, in the monthly partitions {@code AuditPartitions} would have made
     * while the service ran: per program and weekday one list read naming the program's active clients and one read
     * of a single client.
     */
    private void audit(String schema, String actor, String role, String listResource, String oneResource)
            throws SQLException {
        LocalDate first = weekStart.minusWeeks(51).withDayOfMonth(1);
        for (LocalDate m = first; !m.isAfter(weekStart); m = m.plusMonths(1)) {
            String name = "audit_log_y%04dm%02d".formatted(m.getYear(), m.getMonthValue());
            exec("DO $$ BEGIN IF to_regclass('" + schema + "." + name + "') IS NULL THEN EXECUTE 'CREATE TABLE "
                    + schema + "." + name + " PARTITION OF " + schema + ".audit_log FOR VALUES FROM (''" + m
                    + " 00:00:00+00'') TO (''" + m.plusMonths(1) + " 00:00:00+00'')'; END IF; END $$");
        }
        String days = """
                FROM reads_seed.prog_clients pc,
                     generate_series(DATE '%s' - 357, CURRENT_DATE - 1, interval '1 day') day
                WHERE extract(isodow FROM day) < 6""".formatted(weekStart);
        rows(schema + ".audit_log", """
                INSERT INTO %1$s.audit_log (at, actor, role, action, client_ids, resource, remote_addr)
                SELECT (day::date + TIME '08:30') AT TIME ZONE '%2$s', '%3$s', '%4$s', 'READ', ids, '%5$s', '127.0.0.1'
                %7$s
                UNION ALL
                SELECT (day::date + TIME '10:15') AT TIME ZONE '%2$s', '%3$s', '%4$s', 'READ',
                       ARRAY[ids[1 + (extract(doy FROM day)::int %% n)]], '%6$s', '127.0.0.1'
                %7$s""".formatted(schema, ZONE, actor, role, listResource, oneResource, days));
    }

    private List<String> tables(String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = db.createStatement(); var rs = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' AND tablename NOT LIKE 'audit_log%'"
                        + " UNION ALL SELECT 'audit_log'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private void rows(String table, String sql) throws SQLException {
        long t = System.nanoTime();
        long n;
        try (Statement s = db.createStatement()) {
            n = s.executeLargeUpdate(sql);
        }
        long dt = System.nanoTime() - t;
        if (!table.startsWith("reads_seed")) {
            totalRows += n;
            totalNanos += dt;
        }
        System.out.printf("  %-36s %,12d rows %8.1f s %,10.0f rows/s%n", table, n, dt / 1e9, n / (dt / 1e9));
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute(sql);
        }
    }
}
