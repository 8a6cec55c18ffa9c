package org.openiop.backbone.audit;

import java.sql.Array;
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

/** The audit trail of this service, for ADMIN and compliance officers: who touched which clients' data, newest first. */
@RestController
@RequestMapping("/api/audit")
@Validated
public class AuditController {

    private final JdbcClient jdbc;

    public AuditController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One audited request and every client whose data it read or changed. */
    public record AuditEntry(long id, Instant at, String actor, String role, String action, List<String> clientIds,
            String resource, String remoteAddr, String detail) {
    }

    @GetMapping
    public List<AuditEntry> entries(@RequestParam(required = false) String clientId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        AuditQuery query = AuditQuery.of(clientId, actor, from, to, page, size);
        return jdbc.sql(query.sql()).params(query.params())
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("role"), rs.getString("action"),
                        clients(rs.getArray("client_ids")), rs.getString("resource"), rs.getString("remote_addr"),
                        rs.getString("detail")))
                .list();
    }

    private static List<String> clients(Array array) throws java.sql.SQLException {
        return List.of((String[]) array.getArray());
    }
}
