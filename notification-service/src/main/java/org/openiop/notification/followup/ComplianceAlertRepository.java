package org.openiop.notification.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.openiop.notification.followup.ComplianceAlerts.ClientWeek;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Officer alerting state: each client-week's last announced status and episodes (table {@code client_week}), and the
 * episodes waiting for a program's daily digest (table {@code compliance_alert}).
 */
@Repository
class ComplianceAlertRepository {

    /** An episode waiting for its program's digest. */
    record Pending(long id, LocalDate week, String status) {
    }

    private final JdbcClient jdbc;

    ComplianceAlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The client-week, locked for this transaction. */
    Optional<ClientWeek> lockWeek(String clientId, LocalDate weekStart) {
        return jdbc.sql("""
                SELECT * FROM client_week WHERE client_id = :client AND week_start = :week FOR UPDATE""")
                .param("client", clientId).param("week", weekStart).query(ComplianceAlertRepository::row)
                .optional();
    }

    /** Saves the week's status and episode; which episode was alerted is kept as it is on an existing row. */
    void saveWeek(ClientWeek week, Instant at) {
        jdbc.sql("""
                INSERT INTO client_week (client_id, week_start, program_id, status, entered_from, attended_minutes,
                    remaining_minutes, minimum_minutes, episode, alerted_episode, updated_at)
                VALUES (:client, :week, :program, :status, :from, :attended, :remaining, :minimum, :episode,
                    :alerted, :at)
                ON CONFLICT (client_id, week_start) DO UPDATE SET program_id = excluded.program_id,
                    status = excluded.status, entered_from = excluded.entered_from,
                    attended_minutes = excluded.attended_minutes, remaining_minutes = excluded.remaining_minutes,
                    minimum_minutes = excluded.minimum_minutes, episode = excluded.episode,
                    updated_at = excluded.updated_at""")
                .param("client", week.clientId()).param("week", week.weekStart()).param("program", week.programId())
                .param("status", week.status()).param("from", week.enteredFrom()).param("attended", week.attended())
                .param("remaining", week.remaining()).param("minimum", week.minimum())
                .param("episode", week.episode()).param("alerted", week.alertedEpisode())
                .param("at", Timestamp.from(at)).update();
    }

    /** Weeks up to {@code latest} with an episode not alerted yet, still in an alerting status. */
    List<ClientWeek> unalertedEpisodes(LocalDate latest) {
        return jdbc.sql("""
                SELECT * FROM client_week WHERE episode > alerted_episode
                  AND status IN ('AT_RISK', 'BELOW_MINIMUM') AND week_start <= :latest""")
                .param("latest", latest).query(ComplianceAlertRepository::row).list();
    }

    /** Marks the week's episode alerted if it is still that episode in that status and not alerted; false if not. */
    boolean markAlertedIfStill(ClientWeek week) {
        return jdbc.sql("""
                UPDATE client_week SET alerted_episode = episode
                WHERE client_id = :client AND week_start = :week AND episode = :episode AND alerted_episode < episode
                  AND status = :status""")
                .param("client", week.clientId()).param("week", week.weekStart()).param("episode", week.episode())
                .param("status", week.status()).update() == 1;
    }

    void markAlerted(String clientId, LocalDate weekStart) {
        jdbc.sql("UPDATE client_week SET alerted_episode = episode WHERE client_id = :client AND week_start = :week")
                .param("client", clientId).param("week", weekStart).update();
    }

    /** Keeps an episode for the program's digest (once per episode). */
    void keepForDigest(ClientWeek week, String previousStatus, Instant at) {
        jdbc.sql("""
                INSERT INTO compliance_alert (program_id, client_id, week_start, status, previous_status, episode,
                    attended_minutes, remaining_minutes, minimum_minutes, raised_at)
                VALUES (:program, :client, :week, :status, :previous, :episode, :attended, :remaining, :minimum,
                    :at)
                ON CONFLICT ON CONSTRAINT compliance_alert_once DO NOTHING""")
                .param("program", week.programId()).param("client", week.clientId())
                .param("week", week.weekStart()).param("status", week.status()).param("previous", previousStatus)
                .param("episode", week.episode()).param("attended", week.attended())
                .param("remaining", week.remaining()).param("minimum", week.minimum())
                .param("at", Timestamp.from(at)).update();
    }

    /** The program's episodes not in a digest yet, locked for this transaction. */
    List<Pending> lockPending(String programId) {
        return jdbc.sql("""
                SELECT id, week_start, status FROM compliance_alert
                WHERE program_id = :programId AND digest_id IS NULL ORDER BY week_start, status, id FOR UPDATE""")
                .param("programId", programId)
                .query((rs, n) -> new Pending(rs.getLong("id"), rs.getObject("week_start", LocalDate.class),
                        rs.getString("status")))
                .list();
    }

    void digested(long digestId, List<Pending> alerts) {
        jdbc.sql("UPDATE compliance_alert SET digest_id = :digest WHERE id = ANY(:ids)")
                .param("digest", digestId)
                .param("ids", alerts.stream().map(Pending::id).toArray(Long[]::new)).update();
    }

    /** Programs whose officers get a daily digest and who have alerts waiting for it. */
    List<String> programsWithPendingDigest() {
        return jdbc.sql("SELECT DISTINCT program_id FROM compliance_alert WHERE digest_id IS NULL")
                .query(String.class).list();
    }

    private static ClientWeek row(ResultSet rs, int n) throws SQLException {
        return new ClientWeek(rs.getString("client_id"), rs.getObject("week_start", LocalDate.class),
                rs.getString("program_id"), rs.getString("status"), rs.getString("entered_from"),
                rs.getInt("attended_minutes"), rs.getInt("remaining_minutes"), rs.getInt("minimum_minutes"),
                rs.getInt("episode"), rs.getInt("alerted_episode"));
    }
}
