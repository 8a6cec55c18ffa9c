package org.openiop.notification.followup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.openiop.events.ComplianceStatus;
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

/**
 * Tells a program's compliance officers when a client-week turns AT_RISK or BELOW_MINIMUM: at once (one email per
 * change), or collected into one digest a day at the program's digest time, as the program chose.
 */
@Service
public class ComplianceAlerts {

    private static final Logger log = LoggerFactory.getLogger(ComplianceAlerts.class);
    static final List<ComplianceStatus> ALERTING = List.of(ComplianceStatus.AT_RISK, ComplianceStatus.BELOW_MINIMUM);

    private final JdbcClient jdbc;
    private final DeliveryQueue queue;
    private final ProgramDirectory programs;
    private final MessageComposer composer;
    private final NotificationProperties properties;
    private final Clock clock;

    ComplianceAlerts(JdbcClient jdbc, DeliveryQueue queue, ProgramDirectory programs, MessageComposer composer,
            NotificationProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.programs = programs;
        this.composer = composer;
        this.properties = properties;
        this.clock = clock;
    }

    void changed(WeeklyComplianceChanged e) {
        if (!ALERTING.contains(e.getStatus()) || e.getStatus() == e.getPreviousStatus()) {
            return;
        }
        ProgramSettings settings = programs.settings(e.getProgramId());
        Map<String, String> details = Map.of("client", e.getClientId(), "week", e.getWeekStart().toString(),
                "status", e.getStatus().name(), "attended", String.valueOf(e.getAttendedMinutes()),
                "minimum", String.valueOf(e.getMinimumMinutes()),
                "remaining", String.valueOf(e.getScheduledRemainingMinutes()));
        if (settings.complianceAlertMode() == ComplianceAlertMode.IMMEDIATE) {
            queue.enqueueOnce(new NewDelivery(e.getClientId() + "/" + e.getWeekStart(), MessageKind.COMPLIANCE_ALERT,
                    Channel.EMAIL, e.getStatus().name(), Audience.OFFICER, e.getClientId(), e.getProgramId(), null,
                    String.join(",", settings.officerEmails()), null, null, null, 0, details, clock.instant()));
        } else {
            jdbc.sql("""
                    INSERT INTO compliance_alert (program_id, client_id, week_start, status, attended_minutes,
                        remaining_minutes, minimum_minutes, raised_at)
                    VALUES (:program, :client, :week, :status, :attended, :remaining, :minimum, :at)
                    ON CONFLICT ON CONSTRAINT compliance_alert_once DO NOTHING""")
                    .param("program", e.getProgramId()).param("client", e.getClientId())
                    .param("week", e.getWeekStart()).param("status", e.getStatus().name())
                    .param("attended", e.getAttendedMinutes()).param("remaining", e.getScheduledRemainingMinutes())
                    .param("minimum", e.getMinimumMinutes()).param("at", Timestamp.from(e.getOccurredAt())).update();
        }
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
        List<Map<String, String>> alerts = jdbc.sql("""
                SELECT id, client_id, week_start, status, attended_minutes, remaining_minutes, minimum_minutes
                FROM compliance_alert WHERE program_id = :program AND digest_id IS NULL ORDER BY id FOR UPDATE""")
                .param("program", programId)
                .query((rs, n) -> Map.of("id", rs.getString("id"), "client", rs.getString("client_id"),
                        "week", rs.getString("week_start"), "status", rs.getString("status"),
                        "attended", rs.getString("attended_minutes"), "remaining", rs.getString("remaining_minutes"),
                        "minimum", rs.getString("minimum_minutes")))
                .list();
        if (alerts.isEmpty()) {
            return false;
        }
        var language = properties.defaults().staffLanguage();
        String lines = String.join("\n", alerts.stream()
                .map(a -> composer.templates().text(language, "COMPLIANCE_DIGEST.line", a)).toList());
        NewDelivery digest = new NewDelivery(programId, MessageKind.COMPLIANCE_DIGEST, Channel.EMAIL, day.toString(),
                Audience.OFFICER, null, programId, null, String.join(",", settings.officerEmails()), null, null,
                zone.getId(), 0, Map.of("count", String.valueOf(alerts.size()), "lines", lines), now);
        if (!queue.enqueueOnce(digest)) {
            return false; // today's digest went out already: these alerts wait for tomorrow's
        }
        Long digestId = jdbc.sql("""
                SELECT id FROM delivery WHERE reference = :program AND kind = 'COMPLIANCE_DIGEST'
                  AND channel = 'EMAIL' AND occasion = :day""")
                .param("program", programId).param("day", day.toString()).query(Long.class).single();
        jdbc.sql("UPDATE compliance_alert SET digest_id = :digest WHERE id = ANY(:ids)")
                .param("digest", digestId)
                .param("ids", alerts.stream().map(a -> Long.valueOf(a.get("id"))).toArray(Long[]::new)).update();
        return true;
    }
}
