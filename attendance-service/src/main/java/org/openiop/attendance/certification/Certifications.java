package org.openiop.attendance.certification;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.openiop.attendance.compliance.ComplianceReader;
import org.openiop.attendance.compliance.EnrolmentsChanged;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.openiop.events.CertificationDue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Physicians' certifications of need: recorded by staff, listed when re-certification falls due, and announced once
 * per client and due date ({@link CertificationDue} through the outbox, so the notice row and the event commit
 * together). Every read and write of a client's certifications is audited.
 */
@Service
public class Certifications {

    /**
     * Current certifications of clients still enrolled, due by {@code :horizon} (a bound no program's "today" plus the
     * window can pass), by the partial indexes {@code WHERE NOT discharged}: a discharged client's last certification
     * stays overdue for ever, so reading and dropping those would grow with every client ever discharged.
     */
    private static String due(boolean ofProgram) {
        return "SELECT * FROM certification_current WHERE NOT discharged AND due_date <= :horizon"
                + (ofProgram ? " AND program_id = :program" : "") + " ORDER BY due_date, client_id";
    }

    private final JdbcClient jdbc;
    private final ComplianceReader compliance;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    Certifications(JdbcClient jdbc, ComplianceReader compliance, OutboxWriter outbox, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.compliance = compliance;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Certification record(String clientId, CertificationRequest request) {
        if (request.periodEnd().isBefore(request.periodStart())) {
            throw RuleViolation.invalid("periodEnd", "The certified period must not end before it starts");
        }
        // Only for a real enrolment (as the enrolment events reported it): a certification for an unknown client or
        // program would otherwise be listed as due and alerted on.
        if (!compliance.everEnrolled(clientId, request.programId())) {
            throw new RuleViolation(HttpStatus.NOT_FOUND, "not-enrolled", "The client is not enrolled in this program",
                    List.of(new RuleViolation.FieldProblem("programId", "the client is not enrolled in this program")));
        }
        String id = UUID.randomUUID().toString();
        var auth = SecurityContextHolder.getContext().getAuthentication();
        LocalDate due = CertificationRules.dueDate(request.certifiedOn(), request.periodEnd());
        jdbc.sql("""
                INSERT INTO certification (certification_id, client_id, program_id, certified_on, certified_by,
                    period_start, period_end, due_date, recorded_by)
                VALUES (:id, :client, :program, :on, :by, :start, :end, :due, :recordedBy)""")
                .param("id", id).param("client", clientId).param("program", request.programId())
                .param("on", request.certifiedOn()).param("by", request.certifyingClinicianId())
                .param("start", request.periodStart()).param("end", request.periodEnd()).param("due", due)
                .param("recordedBy", auth == null ? "system" : auth.getName()).update();
        // The latest certification becomes the current one; a late-recorded older one does not.
        boolean discharged = !compliance.discharged(List.of(clientId + "|" + request.programId())).isEmpty();
        jdbc.sql("""
                INSERT INTO certification_current (client_id, program_id, certification_id, certified_on,
                    certified_by, period_start, period_end, due_date, recorded_by, recorded_at, discharged)
                SELECT client_id, program_id, certification_id, certified_on, certified_by, period_start, period_end,
                       due_date, recorded_by, recorded_at, :discharged
                FROM certification WHERE certification_id = :id
                ON CONFLICT (client_id, program_id) DO UPDATE SET certification_id = excluded.certification_id,
                    certified_on = excluded.certified_on, certified_by = excluded.certified_by,
                    period_start = excluded.period_start, period_end = excluded.period_end,
                    due_date = excluded.due_date, recorded_by = excluded.recorded_by,
                    recorded_at = excluded.recorded_at, discharged = excluded.discharged
                WHERE (excluded.certified_on, excluded.recorded_at)
                      > (certification_current.certified_on, certification_current.recorded_at)""")
                .param("id", id).param("discharged", discharged).update();
        audit.change("certification", clientId, "certification " + id + " signed " + request.certifiedOn()
                + ", due " + due);
        return byId(id);
    }

    /**
     * Keeps each current certification's {@code discharged} flag equal to its enrolment's status, in the projection's
     * transaction (the projection publishes the enrolments it saved or discharged once their rows are written).
     */
    @EventListener
    @Transactional
    public void enrolmentsChanged(EnrolmentsChanged changed) {
        Set<String> discharged = compliance.discharged(changed.clientPrograms());
        List<String[]> pairs = changed.clientPrograms().stream().map(k -> k.split("\\|", 2)).toList();
        jdbc.sql("""
                UPDATE certification_current c SET discharged = u.d
                FROM unnest(CAST(:c AS text[]), CAST(:p AS text[]), CAST(:d AS boolean[])) AS u(c, p, d)
                WHERE c.client_id = u.c AND c.program_id = u.p AND c.discharged <> u.d""")
                .param("c", pairs.stream().map(k -> k[0]).toArray(String[]::new))
                .param("p", pairs.stream().map(k -> k.length > 1 ? k[1] : "").toArray(String[]::new))
                .param("d", changed.clientPrograms().stream().map(discharged::contains).toArray(Boolean[]::new))
                .update();
    }

    @Transactional(readOnly = true)
    public List<Certification> ofClient(String clientId) {
        List<Certification> all = jdbc.sql("""
                SELECT * FROM certification WHERE client_id = :client
                ORDER BY program_id, certified_on DESC, recorded_at DESC""")
                .param("client", clientId).query(Certifications::row).list();
        audit.read("certification", clientId);
        return all;
    }

    /** Clients (still enrolled) whose current certification is due within {@code withinDays}, or overdue. */
    @Transactional(readOnly = true)
    public List<Certification> dueWithin(String programId, int withinDays) {
        List<Certification> due = current(withinDays, programId);
        audit.reads("certification-due", due.stream().map(Certification::clientId).toList());
        return due;
    }

    /**
     * Publishes {@link CertificationDue} for every current certification due within {@link
     * CertificationRules#DUE_SOON_DAYS} that has not been announced for its due date yet. Safe to re-run and to run
     * on several instances: the notice's primary key lets exactly one transaction announce each due date.
     *
     * @return how many were announced now
     */
    @Transactional
    public int announceDue() {
        int announced = 0;
        for (Certification c : current(CertificationRules.DUE_SOON_DAYS, null)) {
            int inserted = jdbc.sql("""
                    INSERT INTO certification_due_notice (client_id, program_id, due_date, certification_id)
                    VALUES (:client, :program, :due, :id) ON CONFLICT DO NOTHING""")
                    .param("client", c.clientId()).param("program", c.programId()).param("due", c.dueDate())
                    .param("id", c.certificationId()).update();
            if (inserted == 1) {
                outbox.append(CertificationDue.newBuilder().setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(clock.instant()).setClientId(c.clientId()).setProgramId(c.programId())
                        .setCertificationId(c.certificationId()).setCertifiedOn(c.certifiedOn())
                        .setDueDate(c.dueDate()).build());
                announced++;
            }
        }
        return announced;
    }

    private List<Certification> current(int withinDays, String programId) {
        Instant now = clock.instant();
        // Every zone's date is at most a day past UTC's.
        LocalDate horizon = now.atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(withinDays + 1L);
        List<Certification> candidates = jdbc.sql(due(programId != null)).param("horizon", horizon)
                .params(programId == null ? java.util.Map.of() : java.util.Map.of("program", programId))
                .query(Certifications::row).list();
        // Due by "today" in the program's zone once its configuration is known (else UTC): compliance knows it (its
        // read API), for all candidates in one query. Discharged clients were left out by the flag.
        Map<String, ZoneId> zones = compliance.configuredZones(
                candidates.stream().map(Certification::programId).distinct().toList());
        return candidates.stream()
                .filter(c -> !c.dueDate().isAfter(now.atZone(zones.getOrDefault(c.programId(), ZoneOffset.UTC))
                        .toLocalDate().plusDays(withinDays)))
                .toList();
    }

    private Certification byId(String id) {
        return jdbc.sql("SELECT * FROM certification WHERE certification_id = :id").param("id", id)
                .query(Certifications::row).single();
    }

    private static Certification row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Certification(rs.getString("certification_id"), rs.getString("client_id"),
                rs.getString("program_id"), rs.getObject("certified_on", LocalDate.class),
                rs.getString("certified_by"), rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class), rs.getObject("due_date", LocalDate.class),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    /** A recorded certification and when it must be renewed. */
    public record Certification(String certificationId, String clientId, String programId, LocalDate certifiedOn,
            String certifyingClinicianId, LocalDate periodStart, LocalDate periodEnd, LocalDate dueDate,
            String recordedBy, Instant recordedAt) {
    }
}
