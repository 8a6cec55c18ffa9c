package org.openiop.attendance.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceRepository.ClientWeek;
import org.openiop.backbone.outbox.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What judging a chunk of weeks writes, collected and sent as one statement per table: the week rows (one upsert),
 * the announcement marks (one upsert) and the announcements (one multi-row outbox insert, in the order they were
 * made). A week judged twice in a chunk (the step-down allowance re-judges the next week) is written once with its
 * last result, keeping a re-opening either judgement saw.
 */
final class WeekWrites {

    private record WeekResult(ClientWeek key, WeekEvaluation evaluation, Instant closesAt, Instant reopenedAt,
            Instant evaluatedAt) {
    }

    private final JdbcClient jdbc;
    private final OutboxWriter outbox;
    private final Map<ClientWeek, WeekResult> weeks = new LinkedHashMap<>();
    private final Map<ClientWeek, ComplianceStatus> announced = new LinkedHashMap<>();
    private final List<SpecificRecord> announcements = new ArrayList<>();

    WeekWrites(JdbcClient jdbc, OutboxWriter outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    void saveWeek(String clientId, String programId, WeekEvaluation e, Instant closesAt, Instant reopenedAt,
            Instant now) {
        ClientWeek key = new ClientWeek(clientId, programId, e.weekStart());
        WeekResult before = weeks.get(key);
        Instant reopened = reopenedAt != null ? reopenedAt : before == null ? null : before.reopenedAt();
        weeks.put(key, new WeekResult(key, e, closesAt, reopened, now));
    }

    void announce(ClientWeek week, ComplianceStatus status, SpecificRecord announcement) {
        announced.put(week, status);
        announcements.add(announcement);
    }

    /** Sends what was collected; before anything reads these tables. */
    void flush() {
        if (!weeks.isEmpty()) {
            List<WeekResult> rows = new ArrayList<>(weeks.values());
            jdbc.sql("""
                    INSERT INTO compliance_week (client_id, program_id, week_start, track, attended_minutes,
                        scheduled_remaining_minutes, minimum_minutes, status, partial, qualifying_days, closed,
                        closes_at, reopened_at, evaluated_at)
                    SELECT * FROM unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:w AS date[]),
                        CAST(:track AS text[]), CAST(:attended AS int[]), CAST(:remaining AS int[]),
                        CAST(:minimum AS int[]), CAST(:status AS text[]), CAST(:partial AS boolean[]),
                        CAST(:days AS int[]), CAST(:closed AS boolean[]), CAST(:closesAt AS timestamptz[]),
                        CAST(:reopenedAt AS timestamptz[]), CAST(:now AS timestamptz[]))
                    ON CONFLICT (client_id, program_id, week_start) DO UPDATE SET track = excluded.track,
                        attended_minutes = excluded.attended_minutes,
                        scheduled_remaining_minutes = excluded.scheduled_remaining_minutes,
                        minimum_minutes = excluded.minimum_minutes, status = excluded.status,
                        partial = excluded.partial, qualifying_days = excluded.qualifying_days,
                        closed = excluded.closed, closes_at = excluded.closes_at,
                        reopened_at = coalesce(excluded.reopened_at, compliance_week.reopened_at),
                        evaluated_at = excluded.evaluated_at""")
                    .param("c", Columns.of(rows, r -> r.key().clientId()))
                    .param("p", Columns.of(rows, r -> r.key().programId()))
                    .param("w", Columns.of(rows, r -> r.key().weekStart()))
                    .param("track", Columns.of(rows, r -> r.evaluation().track()))
                    .param("attended", Columns.of(rows, r -> r.evaluation().attendedMinutes()))
                    .param("remaining", Columns.of(rows, r -> r.evaluation().scheduledRemainingMinutes()))
                    .param("minimum", Columns.of(rows, r -> r.evaluation().minimumMinutes()))
                    .param("status", Columns.of(rows, r -> r.evaluation().status()))
                    .param("partial", Columns.of(rows, r -> r.evaluation().partial()))
                    .param("days", Columns.of(rows, r -> r.evaluation().qualifyingDays()))
                    .param("closed", Columns.of(rows, r -> r.evaluation().closed()))
                    .param("closesAt", Columns.of(rows, WeekResult::closesAt))
                    .param("reopenedAt", Columns.of(rows, WeekResult::reopenedAt))
                    .param("now", Columns.of(rows, WeekResult::evaluatedAt)).update();
            weeks.clear();
        }
        if (!announced.isEmpty()) {
            List<Map.Entry<ClientWeek, ComplianceStatus>> rows = new ArrayList<>(announced.entrySet());
            jdbc.sql("""
                    INSERT INTO compliance_announcement (client_id, program_id, week_start, status)
                    SELECT * FROM unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:w AS date[]),
                        CAST(:s AS text[]))
                    ON CONFLICT (client_id, program_id, week_start) DO UPDATE SET status = excluded.status""")
                    .param("c", Columns.of(rows, r -> r.getKey().clientId()))
                    .param("p", Columns.of(rows, r -> r.getKey().programId()))
                    .param("w", Columns.of(rows, r -> r.getKey().weekStart()))
                    .param("s", Columns.of(rows, Map.Entry::getValue)).update();
            announced.clear();
        }
        if (!announcements.isEmpty()) {
            outbox.appendAll(announcements);
            announcements.clear();
        }
    }
}
