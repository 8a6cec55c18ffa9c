package org.openiop.attendance.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.attendance.compliance.ComplianceInput.BookingOutcome;
import org.openiop.attendance.compliance.ComplianceInput.EnrolmentSaved;
import org.openiop.attendance.compliance.ComplianceRepository.SessionRow;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch's facts, folded in memory as the batch goes and written with one set-based statement per kind: the last
 * state of each enrolment, its discharge and phases, the last times of each booking, the bookings first met through
 * their attendance, and each booking's highest revision. Writing the folded state gives the same rows as writing
 * every event in order (each statement below is what one event's write did, applied to the last value of its key),
 * in a handful of round trips. {@link #flush()} before anything reads these tables.
 */
final class FactWrites {

    private record Pair(String clientId, String programId) {
    }

    private record PhaseKey(String clientId, String programId, Instant effectiveAt) {
    }

    private final JdbcClient jdbc;
    private final Map<Pair, EnrolmentSaved> enrolments = new LinkedHashMap<>();
    private final Map<Pair, LocalDate> discharges = new LinkedHashMap<>();
    private final Map<PhaseKey, Boolean> phases = new LinkedHashMap<>();
    private final Map<String, SessionRow> sessions = new LinkedHashMap<>();
    private final Map<String, SessionRow> firstMet = new LinkedHashMap<>();
    private final Map<String, BookingOutcome> outcomes = new LinkedHashMap<>();

    FactWrites(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An enrolment's track, dates and status, and the phase it is in from the event's time on. */
    void saveEnrolment(EnrolmentSaved e) {
        enrolments.put(new Pair(e.clientId(), e.programId()), e);
        phases.put(new PhaseKey(e.clientId(), e.programId(), e.phaseFrom()), e.stepDown());
    }

    /** Kept even when the enrolment itself has not arrived yet: it is completed when it does. */
    void discharge(String clientId, String programId, LocalDate date) {
        discharges.put(new Pair(clientId, programId), date);
    }

    /** A booking's times and cancellation (filed in its week), keeping whatever attendance it already has. */
    void saveSession(SessionRow s) {
        sessions.put(s.bookingId(), s);
    }

    /** A booking met through its attendance before its session event: stored unless known by then. */
    void ensureSession(SessionRow s) {
        firstMet.putIfAbsent(s.bookingId(), s);
    }

    /** An attendance record the caller knows to be a later revision than the one held. */
    void saveOutcome(BookingOutcome o) {
        outcomes.put(o.session().bookingId(), o);
    }

    /** Writes what was folded (enrolments before their discharges, bookings before their outcomes) and forgets it. */
    void flush() {
        if (!enrolments.isEmpty()) {
            List<EnrolmentSaved> rows = new ArrayList<>(enrolments.values());
            jdbc.sql("""
                    INSERT INTO compliance_enrolment (client_id, program_id, track, admission_date,
                        planned_discharge_date, status)
                    SELECT * FROM unnest(CAST(:client AS text[]), CAST(:program AS text[]), CAST(:track AS text[]),
                        CAST(:admission AS date[]), CAST(:planned AS date[]), CAST(:status AS text[]))
                    ON CONFLICT (client_id, program_id) DO UPDATE SET track = excluded.track,
                        admission_date = excluded.admission_date,
                        planned_discharge_date = excluded.planned_discharge_date,
                        status = CASE WHEN compliance_enrolment.discharge_date IS NOT NULL THEN 'DISCHARGED'
                                      ELSE excluded.status END""")
                    .param("client", Columns.of(rows, EnrolmentSaved::clientId))
                    .param("program", Columns.of(rows, EnrolmentSaved::programId))
                    .param("track", Columns.of(rows, EnrolmentSaved::track))
                    .param("admission", Columns.of(rows, EnrolmentSaved::admissionDate))
                    .param("planned", Columns.of(rows, EnrolmentSaved::plannedDischargeDate))
                    .param("status", Columns.of(rows, EnrolmentSaved::status)).update();
            enrolments.clear();
        }
        if (!discharges.isEmpty()) {
            List<Map.Entry<Pair, LocalDate>> rows = new ArrayList<>(discharges.entrySet());
            jdbc.sql("""
                    INSERT INTO compliance_enrolment (client_id, program_id, discharge_date, status)
                    SELECT c, p, d, 'DISCHARGED'
                    FROM unnest(CAST(:client AS text[]), CAST(:program AS text[]), CAST(:date AS date[])) AS u(c, p, d)
                    ON CONFLICT (client_id, program_id) DO UPDATE SET discharge_date = excluded.discharge_date,
                        status = 'DISCHARGED'""")
                    .param("client", Columns.of(rows, r -> r.getKey().clientId()))
                    .param("program", Columns.of(rows, r -> r.getKey().programId()))
                    .param("date", Columns.of(rows, Map.Entry::getValue)).update();
            discharges.clear();
        }
        if (!phases.isEmpty()) {
            List<Map.Entry<PhaseKey, Boolean>> rows = new ArrayList<>(phases.entrySet());
            jdbc.sql("""
                    INSERT INTO compliance_phase (client_id, program_id, effective_at, step_down)
                    SELECT * FROM unnest(CAST(:client AS text[]), CAST(:program AS text[]),
                        CAST(:at AS timestamptz[]), CAST(:stepDown AS boolean[]))
                    ON CONFLICT (client_id, program_id, effective_at) DO UPDATE SET step_down = excluded.step_down""")
                    .param("client", Columns.of(rows, r -> r.getKey().clientId()))
                    .param("program", Columns.of(rows, r -> r.getKey().programId()))
                    .param("at", Columns.of(rows, r -> r.getKey().effectiveAt()))
                    .param("stepDown", Columns.of(rows, Map.Entry::getValue)).update();
            phases.clear();
        }
        // A booking's times and its outcome met in the same poll are written as one row version (an insert, or one
        // update): the outcome's update of a row just written would be a second version of every such row.
        if (!sessions.isEmpty()) {
            writeSessions(sessions.values(), """
                    ON CONFLICT (booking_id) DO UPDATE SET session_id = excluded.session_id,
                        session_type = excluded.session_type, block = excluded.block, starts_at = excluded.starts_at,
                        ends_at = excluded.ends_at, time_zone = excluded.time_zone, week_start = excluded.week_start,
                        cancelled = excluded.cancelled,
                        outcome = CASE WHEN excluded.revision > compliance_session.revision THEN excluded.outcome
                                       ELSE compliance_session.outcome END,
                        checked_in_at = CASE WHEN excluded.revision > compliance_session.revision
                                             THEN excluded.checked_in_at ELSE compliance_session.checked_in_at END,
                        checked_out_at = CASE WHEN excluded.revision > compliance_session.revision
                                              THEN excluded.checked_out_at ELSE compliance_session.checked_out_at END,
                        attended_minutes = CASE WHEN excluded.revision > compliance_session.revision
                                                THEN excluded.attended_minutes
                                                ELSE compliance_session.attended_minutes END,
                        missed_reason = CASE WHEN excluded.revision > compliance_session.revision
                                             THEN excluded.missed_reason ELSE compliance_session.missed_reason END,
                        automatic = CASE WHEN excluded.revision > compliance_session.revision
                                         THEN excluded.automatic ELSE compliance_session.automatic END,
                        revision = greatest(excluded.revision, compliance_session.revision)""");
        }
        firstMet.keySet().removeAll(sessions.keySet());
        if (!firstMet.isEmpty()) {
            // Met through its attendance: inserted with it; a row there already takes only a later revision.
            writeSessions(firstMet.values(), """
                    ON CONFLICT (booking_id) DO UPDATE SET outcome = excluded.outcome,
                        revision = excluded.revision, checked_in_at = excluded.checked_in_at,
                        checked_out_at = excluded.checked_out_at, attended_minutes = excluded.attended_minutes,
                        missed_reason = excluded.missed_reason, automatic = excluded.automatic
                    WHERE compliance_session.revision < excluded.revision""");
        }
        outcomes.keySet().removeAll(sessions.keySet());
        outcomes.keySet().removeAll(firstMet.keySet());
        sessions.clear();
        firstMet.clear();
        if (!outcomes.isEmpty()) {
            // Outcomes of bookings written in an earlier poll (or flush): one update each, of columns no index holds
            // (so it can stay on the row's page: V56_1 leaves room there).
            List<BookingOutcome> rows = new ArrayList<>(outcomes.values());
            jdbc.sql("""
                    UPDATE compliance_session s SET outcome = u.outcome, revision = u.revision,
                        checked_in_at = u.checked_in, checked_out_at = u.checked_out, attended_minutes = u.minutes,
                        missed_reason = u.reason, automatic = u.automatic
                    FROM unnest(CAST(:booking AS text[]), CAST(:outcome AS text[]), CAST(:revision AS int[]),
                        CAST(:in AS timestamptz[]), CAST(:out AS timestamptz[]), CAST(:minutes AS int[]),
                        CAST(:reason AS text[]), CAST(:automatic AS boolean[]))
                        AS u(booking_id, outcome, revision, checked_in, checked_out, minutes, reason, automatic)
                    WHERE s.booking_id = u.booking_id AND s.revision < u.revision""")
                    .param("booking", Columns.of(rows, o -> o.session().bookingId()))
                    .param("outcome", Columns.of(rows, BookingOutcome::outcome))
                    .param("revision", Columns.of(rows, BookingOutcome::revision))
                    .param("in", Columns.of(rows, BookingOutcome::checkedInAt))
                    .param("out", Columns.of(rows, BookingOutcome::checkedOutAt))
                    .param("minutes", Columns.of(rows, BookingOutcome::minutes))
                    .param("reason", Columns.of(rows, BookingOutcome::missedReason))
                    .param("automatic", Columns.of(rows, BookingOutcome::automatic)).update();
            outcomes.clear();
        }
    }

    /**
     * Inserts these bookings with the outcome this flush holds for each (none: the table's defaults, pending at
     * revision 0), {@code onConflict} deciding what a row already there takes.
     */
    private void writeSessions(Collection<SessionRow> rows, String onConflict) {
        List<BookingOutcome> held = new ArrayList<>(rows.size());
        for (SessionRow row : rows) {
            held.add(outcomes.get(row.bookingId()));
        }
        jdbc.sql("""
                INSERT INTO compliance_session (booking_id, session_id, client_id, program_id, session_type, block,
                    starts_at, ends_at, time_zone, week_start, cancelled, outcome, revision, checked_in_at,
                    checked_out_at, attended_minutes, missed_reason, automatic)
                SELECT b, s, c, p, t, bl, st, en, z, w, x, coalesce(o, 'PENDING'), coalesce(r, 0), ci, co,
                    coalesce(m, 0), mr, coalesce(a, false)
                FROM unnest(CAST(:booking AS text[]), CAST(:session AS text[]), CAST(:client AS text[]),
                    CAST(:program AS text[]), CAST(:type AS text[]), CAST(:block AS text[]),
                    CAST(:starts AS timestamptz[]), CAST(:ends AS timestamptz[]), CAST(:zone AS text[]),
                    CAST(:week AS date[]), CAST(:cancelled AS boolean[]), CAST(:outcome AS text[]),
                    CAST(:revision AS int[]), CAST(:in AS timestamptz[]), CAST(:out AS timestamptz[]),
                    CAST(:minutes AS int[]), CAST(:reason AS text[]), CAST(:automatic AS boolean[]))
                    AS u(b, s, c, p, t, bl, st, en, z, w, x, o, r, ci, co, m, mr, a)
                """ + onConflict)
                .param("booking", Columns.of(rows, SessionRow::bookingId))
                .param("session", Columns.of(rows, SessionRow::sessionId))
                .param("client", Columns.of(rows, SessionRow::clientId))
                .param("program", Columns.of(rows, SessionRow::programId))
                .param("type", Columns.of(rows, SessionRow::sessionType))
                .param("block", Columns.of(rows, SessionRow::block))
                .param("starts", Columns.of(rows, SessionRow::startsAt))
                .param("ends", Columns.of(rows, SessionRow::endsAt))
                .param("zone", Columns.of(rows, SessionRow::timeZone))
                .param("week", Columns.of(rows, SessionRow::weekStart))
                .param("cancelled", Columns.of(rows, SessionRow::cancelled))
                .param("outcome", Columns.of(held, o -> o == null ? null : o.outcome()))
                .param("revision", Columns.of(held, o -> o == null ? null : o.revision()))
                .param("in", Columns.of(held, o -> o == null ? null : o.checkedInAt()))
                .param("out", Columns.of(held, o -> o == null ? null : o.checkedOutAt()))
                .param("minutes", Columns.of(held, o -> o == null ? null : o.minutes()))
                .param("reason", Columns.of(held, o -> o == null ? null : o.missedReason()))
                .param("automatic", Columns.of(held, o -> o == null ? null : o.automatic())).update();
    }
}
