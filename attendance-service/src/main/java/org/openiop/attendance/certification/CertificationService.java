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
import org.openiop.events.CertificationDue;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Physicians' certifications of need: recorded by staff, listed when re-certification falls due, and announced once
 * per client and due date ({@link CertificationDue} through the outbox, so the notice row and the event commit
 * together). Every read and write of a client's certifications is audited. The SQL is in {@link
 * CertificationRepository}, the due-date rule in {@link CertificationRules}.
 */
@Service
public class CertificationService {

    private final CertificationRepository repository;
    private final ComplianceReader compliance;
    private final OutboxWriter outbox;
    private final AuditTrail audit;
    private final Clock clock;

    CertificationService(CertificationRepository repository, ComplianceReader compliance, OutboxWriter outbox,
            AuditTrail audit, Clock clock) {
        this.repository = repository;
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
        repository.insert(id, clientId, request, due, auth == null ? "system" : auth.getName());
        // The latest certification becomes the current one; a late-recorded older one does not.
        boolean discharged = !compliance.discharged(List.of(clientId + "|" + request.programId())).isEmpty();
        repository.makeCurrent(id, discharged);
        audit.change("certification", clientId, "certification " + id + " signed " + request.certifiedOn()
                + ", due " + due);
        return repository.byId(id);
    }

    /**
     * Keeps each current certification's {@code discharged} flag equal to its enrolment's status, in the projection's
     * transaction (the projection publishes the enrolments it saved or discharged once their rows are written).
     */
    @EventListener
    @Transactional
    public void enrolmentsChanged(EnrolmentsChanged changed) {
        Set<String> discharged = compliance.discharged(changed.clientPrograms());
        repository.markDischarged(changed.clientPrograms(), discharged);
    }

    @Transactional(readOnly = true)
    public List<Certification> ofClient(String clientId) {
        List<Certification> all = repository.ofClient(clientId);
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
            if (repository.noteDue(c)) {
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
        LocalDate horizon = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(withinDays + 1L);
        List<Certification> candidates = repository.currentDueBy(horizon, programId);
        // Due by "today" in the program's zone once its configuration is known (else UTC): compliance knows it (its
        // read API), for all candidates in one query. Discharged clients were left out by the flag.
        Map<String, ZoneId> zones = compliance.configuredZones(
                candidates.stream().map(Certification::programId).distinct().toList());
        return candidates.stream()
                .filter(c -> !c.dueDate().isAfter(now.atZone(zones.getOrDefault(c.programId(), ZoneOffset.UTC))
                        .toLocalDate().plusDays(withinDays)))
                .toList();
    }
}
