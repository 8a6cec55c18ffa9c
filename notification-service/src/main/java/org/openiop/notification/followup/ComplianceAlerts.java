package org.openiop.notification.followup;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryRepository;
import org.openiop.notification.delivery.MessageComposer;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ComplianceAlertMode;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramRepository;
import org.openiop.notification.program.ProgramSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private final ComplianceAlertRepository alerts;
    private final DeliveryRepository queue;
    private final ProgramRepository programs;
    private final MessageComposer composer;
    private final AlertLinks links;
    private final NotificationProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ComplianceAlerts(ComplianceAlertRepository alerts, DeliveryRepository queue, ProgramRepository programs, MessageComposer composer,
            AlertLinks links, NotificationProperties properties, TransactionTemplate transaction, Clock clock) {
        this.transaction = transaction;
        this.alerts = alerts;
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
    void changed(WeekStatusChange e) {
        Optional<ClientWeek> known = alerts.lockWeek(e.clientId(), e.weekStart());
        // what this service last heard, else what the event says came before (null: a week new to the projection)
        String previous = known.map(ClientWeek::status)
                .orElse(e.previousStatus());
        String status = e.status();
        boolean enters = severity(status) > severity(previous);
        int episode = known.map(ClientWeek::episode).orElse(0) + (enters ? 1 : 0);
        String enteredFrom = enters ? previous : known.map(ClientWeek::enteredFrom).orElse(null);
        ClientWeek week = new ClientWeek(e.clientId(), e.weekStart(), e.programId(), status, enteredFrom,
                e.attendedMinutes(), e.remainingMinutes(), e.minimumMinutes(), episode,
                known.map(ClientWeek::alertedEpisode).orElse(0));
        alerts.saveWeek(week, e.occurredAt());
        if (enters && withinHorizon(week, clock.instant())) {
            raise(week, e.occurredAt());
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
        // a coarse bound (any zone is within a day of UTC); withinHorizon decides in the program's zone
        List<ClientWeek> waiting = alerts.unalertedEpisodes(
                LocalDate.ofInstant(now, ZoneId.of("UTC")).plusDays(horizonDays() + 1));
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
        if (alerts.markAlertedIfStill(week)) {
            queueAlert(week, now);
        }
    }

    private void raise(ClientWeek week, Instant at) {
        alerts.markAlerted(week.clientId(), week.weekStart());
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
            alerts.keepForDigest(week, from, at);
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
        for (String programId : alerts.programsWithPendingDigest()) {
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
        List<ComplianceAlertRepository.Pending> pending = alerts.lockPending(programId);
        if (pending.isEmpty()) {
            return false;
        }
        var language = programs.staffLanguage();
        Map<String, Long> counts = new LinkedHashMap<>();
        pending.forEach(a -> counts.merge(a.week() + "/" + a.status(), 1L, Long::sum));
        List<String> lines = counts.entrySet().stream().map(c -> {
            String[] key = c.getKey().split("/");
            return composer.templates().text(language, "COMPLIANCE_DIGEST.line", Map.of("week", key[0],
                    "status", composer.templates().text(language, "STATUS." + key[1], Map.of()),
                    "count", String.valueOf(c.getValue()),
                    "link", links.week(programId, LocalDate.parse(key[0]), key[1])));
        }).toList();
        NewDelivery digest = new NewDelivery(programId, MessageKind.COMPLIANCE_DIGEST, Channel.EMAIL, day.toString(),
                Audience.OFFICER, null, programId, null, String.join(",", settings.officerEmails()), null, null,
                zone.getId(), 0, Map.of("count", String.valueOf(pending.size()), "lines", String.join("\n", lines),
                        "reason", pending.size() + " client-week(s) entered AT_RISK or BELOW_MINIMUM"),
                now);
        if (!queue.enqueueOnce(digest)) {
            return false; // today's digest went out already: these alerts wait for tomorrow's
        }
        long digestId = queue.idOf(programId, MessageKind.COMPLIANCE_DIGEST, Channel.EMAIL, day.toString())
                .orElseThrow();
        alerts.digested(digestId, pending);
        return true;
    }
}
