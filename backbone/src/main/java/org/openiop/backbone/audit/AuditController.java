package org.openiop.backbone.audit;

import java.time.Instant;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** The audit trail of this service, for ADMIN and compliance officers: who touched which client's data, newest first. */
@RestController
@RequestMapping("/api/audit")
@Validated
public class AuditController {

    private final JdbcClient jdbc;

    public AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record AuditEntry(long id, Instant at, String actor, String role, String action, String clientId,
            String resource, String remoteAddr, String detail) {
    }

    @GetMapping
    public List<AuditEntry> entries(@RequestParam(required = false) String clientId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return jdbc.sql("""
                SELECT id, at, actor, role, action, client_id, resource, remote_addr, detail FROM audit_event
                WHERE (CAST(:clientId AS text) IS NULL OR client_id = :clientId)
                  AND (CAST(:actor AS text) IS NULL OR actor = :actor)
                  AND (CAST(:from AS timestamptz) IS NULL OR at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR at < :to)
                ORDER BY id DESC LIMIT :size OFFSET :offset""")
                .param("clientId", clientId).param("actor", actor)
                .param("from", from == null ? null : java.sql.Timestamp.from(from))
                .param("to", to == null ? null : java.sql.Timestamp.from(to))
                .param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                        rs.getString("client_id"), rs.getString("resource"), rs.getString("remote_addr"),
                        rs.getString("detail")))
                .list();
    }
}
