package org.openiop.backbone.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one audit search, holding only the filters given. Pooled prepared statements get PostgreSQL's generic
 * plan, and a {@code (:x IS NULL OR col = :x)} predicate cannot use an index under it (it read the whole table);
 * one statement per filter set can (EXPLAIN in benchmarks/README.md).
 */
record AuditQuery(String sql, Map<String, Object> params) {

    static AuditQuery of(String clientId, String actor, Instant from, Instant to, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (clientId != null) {
            where.add("client_ids @> ARRAY[CAST(:clientId AS text)]");
            params.put("clientId", clientId);
        }
        if (actor != null) {
            where.add("actor = :actor");
            params.put("actor", actor);
        }
        if (from != null) {
            where.add("at >= :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            where.add("at < :to");
            params.put("to", Timestamp.from(to));
        }
        params.put("size", size);
        params.put("offset", (long) page * size);
        return new AuditQuery("SELECT id, at, actor, role, action, client_ids, resource, remote_addr, detail"
                + " FROM audit_log" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT :size OFFSET :offset", params);
    }
}
