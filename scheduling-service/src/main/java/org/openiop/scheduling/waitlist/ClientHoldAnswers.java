package org.openiop.scheduling.waitlist;

import java.time.Clock;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.ProgramRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client's answer to a held seat, made on their page (notification-service verified their link) and applied here
 * with actor {@code client} through the same accept and decline staff use. An answer that comes too late (the hold
 * ended, expired or was never theirs) books nothing; an acceptance a booking rule refuses releases the seat to the
 * next client (NOT_BOOKABLE), so the client's page always gets an ending.
 */
@Service
class ClientHoldAnswers {

    static final String CLIENT = "client";
    private static final Logger log = LoggerFactory.getLogger(ClientHoldAnswers.class);

    private final WaitlistRepository waitlist;
    private final WaitlistService service;
    private final ProgramRepository programs;
    private final AuditTrail audit;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    ClientHoldAnswers(WaitlistRepository waitlist, WaitlistService service, ProgramRepository programs,
            AuditTrail audit, Clock clock, PlatformTransactionManager transactions) {
        this.waitlist = waitlist;
        this.service = service;
        this.programs = programs;
        this.audit = audit;
        this.clock = clock;
        // a refused booking rolls back to here, not the inbox's whole transaction
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void answer(HoldAnswer answer) {
        UUID entryId = answer.entryId();
        WaitlistEntry entry = waitlist.find(entryId).orElse(null);
        if (entry == null || !entry.clientId().toString().equals(answer.clientId())) {
            log.warn("answer to waitlist entry {} ignored: unknown, or another client's", entryId);
            return;
        }
        String what = answer.accept() ? "accept" : "decline";
        audit.change("waitlist", entry.clientId().toString(), "the client answered hold " + entryId + ": " + what
                + " (" + answer.answeredBy() + ")");
        if (!"HELD".equals(entry.status())) {
            audit.change("waitlist", entry.clientId().toString(), "answer to " + entryId + " not applied: the entry is "
                    + entry.status().toLowerCase());
            return;
        }
        if (!answer.accept()) {
            service.decline(entryId, CLIENT);
            return;
        }
        if (!entry.heldUntil().isAfter(clock.instant())) {
            expireNow(entryId);
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> service.accept(entryId, CLIENT));
        } catch (RuleViolation | DataIntegrityViolationException refused) {
            log.info("client's acceptance of hold {} refused: {}", entryId, refused.getMessage());
            WaitlistEntry now = waitlist.find(entryId).orElseThrow();
            if ("HELD".equals(now.status()) && !now.heldUntil().isAfter(clock.instant())) {
                expireNow(entryId);
            } else if ("HELD".equals(now.status())) {
                service.decline(entryId, CLIENT, HoldOutcome.NOT_BOOKABLE);
            }
        }
    }

    /** Too late: expired now rather than at the next sweep, so the client's page says so at once. */
    private void expireNow(UUID entryId) {
        WaitlistEntry found = waitlist.find(entryId).orElseThrow();
        programs.shareLock(found.programId()); // lock order of every scheduling write: program, then the row
        waitlist.lock(entryId).filter(e -> "HELD".equals(e.status())).ifPresent(service::expire);
    }
}
