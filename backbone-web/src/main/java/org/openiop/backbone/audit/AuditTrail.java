package org.openiop.backbone.audit;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records who read or changed which clients' data, when and from where (HIPAA access accounting, 42 CFR Part 2):
 * one row per request, naming every client it showed, so a list of a hundred clients costs one insert, not a hundred.
 * The table refuses updates and deletes. Joins the caller's read-write transaction when there is one, so a refused
 * change leaves no audit row claiming it happened; inside a read-only transaction (a read) it writes in its own.
 */
public class AuditTrail {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public AuditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public void read(String resource, String clientId) {
        record("READ", resource, clientId, null);
    }

    /** One read that showed several clients (a roster, a week board, a list): one row naming them all. */
    public void reads(String resource, Collection<String> clientIds) {
        if (!clientIds.isEmpty()) {
            insert("READ", resource, clientIds, null);
        }
    }

    public void change(String resource, String clientId, String detail) {
        record("CHANGE", resource, clientId, detail);
    }

    public void record(String action, String resource, String clientId, String detail) {
        insert(action, resource, clientId == null ? List.of() : List.of(clientId), detail);
    }

    private void insert(String action, String resource, Collection<String> clientIds, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth == null ? "system" : auth.getName();
        String role = auth == null ? null : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .sorted().reduce((a, b) -> a + "," + b).orElse(null);
        String[] clients = new LinkedHashSet<>(clientIds).stream().filter(Objects::nonNull).toArray(String[]::new);
        Runnable insert = () -> jdbc.sql("""
                INSERT INTO audit_log (actor, role, action, client_ids, resource, remote_addr, detail)
                VALUES (:actor, :role, :action, :clients, :resource, :remote, :detail)""")
                .param("actor", actor).param("role", role).param("action", action).param("clients", clients)
                .param("resource", resource).param("remote", remoteAddress()).param("detail", detail)
                .update();
        if (TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            insert.run();
        } else {
            ownTransaction.executeWithoutResult(status -> insert.run());
        }
    }

    private static String remoteAddress() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        return attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest().getRemoteAddr() : null;
    }
}
