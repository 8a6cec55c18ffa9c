package org.openiop.notification.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.events.WeeklyComplianceChanged;
import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryQueue;
import org.openiop.notification.delivery.MessageComposer;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ComplianceAlertMode;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramDirectory;
import org.openiop.notification.program.ProgramSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells a program's compliance officers when a client-week enters AT_RISK or BELOW_MINIMUM from a better status: one
 * alert per entry (an episode), whatever alerts the week had before, so leaving and re-entering alerts again. Only
 * weeks that have started or start within the configured horizon alert; an episode of a later week waits and alerts
 * when the week comes near if it is still going on. At once (one email per episode), or collected into one digest a
 * day at the program's digest time, as the program chose. Alerts name no client: the program, what happened, how many
 * clients, and a link to the officer's page of that week.
 */
@Service
class ComplianceAlerts {

    private static final Logger log = LoggerFactory.getLogger(ComplianceAlerts.class);

    private final JdbcClient jdbc;
    private final DeliveryQueue queue;
    private final ProgramDirectory programs;
    private final MessageComposer composer;
    private final AlertLinks links;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ComplianceAlerts(JdbcClient jdbc, DeliveryQueue queue, ProgramDirectory programs, MessageComposer composer,
            AlertLinks links, NotificationProperties properties, TransactionTemplate transaction, Clock clock) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.queue = queue;
        this.programs = programs;
        this.composer = composer;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
    }

    /** How bad a status is for alerting: an episode begins when a week's status gets worse into an alerting one. */
    static int severity(String status) {
        if (status == null) {
            return 0;
        }
        return switch (status) {
            case "AT_RISK" -> 1;
            case "BELOW_MINIMUM" -> 2;
            default -> 0;
        };
    }

    /** The stored state of one client-week. */
    record ClientWeek(String clientId, LocalDate weekStart, String programId, String status, String enteredFrom,
            int attended, int remaining, int minimum, int episode, int alertedEpisode) {
    }

    @Transactional
    void changed(WeeklyComplianceChanged e) {
        Optional<ClientWeek> known = jdbc.sql("""
                SELECT * FROM client_week WHERE client_id = :client AND week_start = :week FOR UPDATE""")
                .param("client", e.getClientId()).param("week", e.getWeekStart()).query(ComplianceAlerts::row)
                .optional();
        // what this service last heard, else what the event says came before (null: a week new to the projection)
        String previous = known.map(ClientWeek::status)
                .orElse(e.getPreviousStatus() == null ? null : e.getPreviousStatus().name());
        String status = e.getStatus().name();
        boolean enters = severity(status) > severity(previous);
        int episode = known.map(ClientWeek::episode).orElse(0) + (enters ? 1 : 0);
        String enteredFrom = enters ? previous : known.map(ClientWeek::enteredFrom).orElse(null);
        ClientWeek week = new ClientWeek(e.getClientId(), e.getWeekStart(), e.getProgramId(), status, enteredFrom,
                e.getAttendedMinutes(), e.getScheduledRemainingMinutes(), e.getMinimumMinutes(), episode,
                known.map(ClientWeek::alertedEpisode).orElse(0));
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
                .param("status", status).param("from", enteredFrom).param("attended", week.attended())
                .param("remaining", week.remaining()).param("minimum", week.minimum()).param("episode", episode)
                .param("alerted", week.alertedEpisode()).param("at", Timestamp.from(e.getOccurredAt())).update();
        if (enters && withinHorizon(week, clock.instant())) {
            raise(week, e.getOccurredAt());
        } else if (enters) {
            log.info("Compliance episode of a week beyond the alert horizon: alert deferred");
        }
    }

    /**
     * Episodes of weeks that were beyond the horizon when they began and have come near since: alerted now if the
     * week is still in the alerting status it entered.
     */
    @Scheduled(fixedDelayString = "${iop.notification.digest-check-interval:1m}")
    public void raiseDeferred() {
        Instant now = clock.instant();
        List<ClientWeek> waiting = jdbc.sql("""
                SELECT * FROM client_week WHERE episode > alerted_episode
                  AND status IN ('AT_RISK', 'BELOW_MINIMUM') AND week_start <= :latest""")
                // a coarse bound (any zone is within a day of UTC); withinHorizon decides in the program's zone
                .param("latest", LocalDate.ofInstant(now, ZoneId.of("UTC")).plusDays(horizonDays() + 1))
                .query(ComplianceAlerts::row).list();
        for (ClientWeek week : waiting) {
            if (withinHorizon(week, now)) {
                try {
                    transaction.executeWithoutResult(t -> raiseOnce(week, now));
                } catch (RuntimeException ex) {
                    log.error("Deferred compliance alert of program {} failed", week.programId(), ex);
                }
            }
        }
    }

    /** Marks the episode alerted and queues its alert, unless another instance or round did it first. */
    private void raiseOnce(ClientWeek week, Instant now) {
        int updated = jdbc.sql("""
                UPDATE client_week SET alerted_episode = episode
                WHERE client_id = :client AND week_start = :week AND episode = :episode AND alerted_episode < episode
                  AND status = :status""")
                .param("client", week.clientId()).param("week", week.weekStart()).param("episode", week.episode())
                .param("status", week.status()).update();
        if (updated == 1) {
            queueAlert(week, now);
        }
    }

    private void raise(ClientWeek week, Instant at) {
        jdbc.sql("UPDATE client_week SET alerted_episode = episode WHERE client_id = :client AND week_start = :week")
                .param("client", week.clientId()).param("week", week.weekStart()).update();
        queueAlert(week, at);
    }

    private void queueAlert(ClientWeek week, Instant at) {
        ProgramSettings settings = programs.settings(week.programId());
        String from = week.enteredFrom() == null ? "NEW_WEEK" : week.enteredFrom();
        String reason = from + " -> " + week.status() + " (episode " + week.episode() + "): attended "
                + week.attended() + " of " + week.minimum() + " minutes; " + week.remaining() + " minutes still booked";
        if (settings.complianceAlertMode() == ComplianceAlertMode.IMMEDIATE) {
            var language = programs.staffLanguage();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("week", week.weekStart().toString());
            details.put("status", composer.templates().text(language, "STATUS." + week.status(), Map.of()));
            details.put("previous", composer.templates().text(language, "STATUS." + from, Map.of()));
            details.put("attended", String.valueOf(week.attended()));
            details.put("minimum", String.valueOf(week.minimum()));
            details.put("remaining", String.valueOf(week.remaining()));
            details.put("link", links.week(week.programId(), week.weekStart(), week.status()));
            details.put("reason", reason);
            queue.enqueueOnce(new NewDelivery(week.clientId() + "/" + week.weekStart(), MessageKind.COMPLIANCE_ALERT,
                    Channel.EMAIL, "episode-" + week.episode(), Audience.OFFICER, week.clientId(), week.programId(),
                    null, String.join(",", settings.officerEmails()), null, null, null, 0, details, clock.instant()));
        } else {
            jdbc.sql("""
                    INSERT INTO compliance_alert (program_id, client_id, week_start, status, previous_status, episode,
                        attended_minutes, remaining_minutes, minimum_minutes, raised_at)
                    VALUES (:program, :client, :week, :status, :previous, :episode, :attended, :remaining, :minimum,
                        :at)
                    ON CONFLICT ON CONSTRAINT compliance_alert_once DO NOTHING""")
                    .param("program", week.programId()).param("client", week.clientId())
                    .param("week", week.weekStart()).param("status", week.status()).param("previous", from)
                    .param("episode", week.episode()).param("attended", week.attended())
                    .param("remaining", week.remaining()).param("minimum", week.minimum())
                    .param("at", Timestamp.from(at)).update();
        }
    }

    private boolean withinHorizon(ClientWeek week, Instant now) {
        ZoneId zone = programs.find(week.programId()).map(Program::timeZone).orElse(ZoneId.of("UTC"));
        return !week.weekStart().isAfter(LocalDate.ofInstant(now, zone).plusDays(horizonDays()));
    }

    private long horizonDays() {
        return properties.alerts().horizon().toDays();
    }

    @Scheduled(fixedDelayString = "${iop.notification.digest-check-interval:1m}")
    void sendDueDigests() {
        for (String programId : programs.programsWithPendingDigest()) {
            try {
                digest(programId, clock.instant());
            } catch (RuntimeException ex) {
                log.error("Compliance digest of program {} failed", programId, ex);
            }
        }
    }

    /**
     * Queues the program's digest for today once its digest time has passed (in the program's zone, UTC until the
     * program is known). One digest per program and day, whatever the number of instances: the queue's unique key.
     * One line per week and status: how many clients entered it, and the link to the week's page.
     */
    @Transactional
    public boolean digest(String programId, Instant now) {
        ProgramSettings settings = programs.settings(programId);
        ZoneId zone = programs.find(programId).map(Program::timeZone).orElse(ZoneId.of("UTC"));
        ZonedDateTime local = now.atZone(zone);
        if (local.toLocalTime().isBefore(settings.digestTime())) {
            return false;
        }
        LocalDate day = local.toLocalDate();
        record Pending(long id, LocalDate week, String status) {
        }
        List<Pending> alerts = jdbc.sql("""
                SELECT id, week_start, status FROM compliance_alert
                WHERE program_id = :program AND digest_id IS NULL ORDER BY week_start, status, id FOR UPDATE""")
                .param("program", programId)
                .query((rs, n) -> new Pending(rs.getLong("id"), rs.getObject("week_start", LocalDate.class),
                        rs.getString("status")))
                .list();
        if (alerts.isEmpty()) {
            return false;
        }
        var language = programs.staffLanguage();
        Map<String, Long> counts = new LinkedHashMap<>();
        alerts.forEach(a -> counts.merge(a.week() + "/" + a.status(), 1L, Long::sum));
        List<String> lines = counts.entrySet().stream().map(c -> {
            String[] key = c.getKey().split("/");
            return composer.templates().text(language, "COMPLIANCE_DIGEST.line", Map.of("week", key[0],
                    "status", composer.templates().text(language, "STATUS." + key[1], Map.of()),
                    "count", String.valueOf(c.getValue()),
                    "link", links.week(programId, LocalDate.parse(key[0]), key[1])));
        }).toList();
        NewDelivery digest = new NewDelivery(programId, MessageKind.COMPLIANCE_DIGEST, Channel.EMAIL, day.toString(),
                Audience.OFFICER, null, programId, null, String.join(",", settings.officerEmails()), null, null,
                zone.getId(), 0, Map.of("count", String.valueOf(alerts.size()), "lines", String.join("\n", lines),
                        "reason", alerts.size() + " client-week(s) entered AT_RISK or BELOW_MINIMUM"),
                now);
        if (!queue.enqueueOnce(digest)) {
            return false; // today's digest went out already: these alerts wait for tomorrow's
        }
        Long digestId = jdbc.sql("""
                SELECT id FROM delivery WHERE reference = :program AND kind = 'COMPLIANCE_DIGEST'
                  AND channel = 'EMAIL' AND occasion = :day""")
                .param("program", programId).param("day", day.toString()).query(Long.class).single();
        jdbc.sql("UPDATE compliance_alert SET digest_id = :digest WHERE id = ANY(:ids)")
                .param("digest", digestId)
                .param("ids", alerts.stream().map(Pending::id).toArray(Long[]::new)).update();
        return true;
    }

    private static ClientWeek row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new ClientWeek(rs.getString("client_id"), rs.getObject("week_start", LocalDate.class),
                rs.getString("program_id"), rs.getString("status"), rs.getString("entered_from"),
                rs.getInt("attended_minutes"), rs.getInt("remaining_minutes"), rs.getInt("minimum_minutes"),
                rs.getInt("episode"), rs.getInt("alerted_episode"));
    }
}
