package org.openiop.backbone.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every audit search, prepared as a pooled statement is (generic plan), can be answered from an index. Sequential
 * scans are priced out, so a predicate that cannot use an index (the old {@code (:x IS NULL OR col = :x)}) still
 * shows one and fails the test.
 */
@SpringBootTest(classes = BackboneTestApplication.class)
class AuditQueryPlanTest {

    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate transactions;

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    @Test
    void everyFilterSetUsesAnIndexUnderTheGenericPlan() {
        List<AuditQuery> queries = List.of(AuditQuery.of("c-1", null, null, null, 0, 100),
                AuditQuery.of(null, "staff", null, null, 2, 100),
                AuditQuery.of("c-1", "staff", null, null, 0, 100),
                AuditQuery.of("c-1", null, FROM, TO, 0, 100),
                AuditQuery.of(null, "staff", FROM, TO, 0, 100),
                AuditQuery.of(null, null, FROM, null, 0, 100),
                AuditQuery.of(null, null, null, null, 0, 100));
        for (AuditQuery query : queries) {
            String plan = genericPlan(query);
            assertThat(plan).as(query.sql() + "\n" + plan).doesNotContain("Seq Scan");
        }
    }

    @Test
    void theOldCatchAllPredicateIsCaughtByThisCheck() {
        String plan = genericPlan(new AuditQuery("SELECT id FROM audit_log WHERE (CAST(:c AS text) IS NULL"
                + " OR client_ids @> ARRAY[CAST(:c AS text)]) ORDER BY id LIMIT :size", Map.of("c", "c-1", "size", 1)));
        assertThat(plan).contains("Seq Scan");
    }

    /** PREPAREs the query with $n placeholders and EXPLAINs its generic plan for the query's own values. */
    private String genericPlan(AuditQuery query) {
        return transactions.execute(status -> {
            jdbc.sql("SET LOCAL plan_cache_mode = force_generic_plan").update();
            jdbc.sql("SET LOCAL enable_seqscan = off").update();
            String sql = query.sql();
            List<String> values = new ArrayList<>();
            int n = 0;
            for (var param : query.params().entrySet()) {
                String placeholder = "$" + (++n);
                sql = sql.replace(":" + param.getKey(), placeholder);
                Object value = param.getValue();
                values.add(value instanceof Number ? value.toString()
                        : "'" + (value instanceof java.sql.Timestamp t ? t.toInstant() : value) + "'");
            }
            jdbc.sql("PREPARE audit_search AS " + sql).update();
            try {
                return String.join("\n", jdbc.sql("EXPLAIN EXECUTE audit_search(" + String.join(", ", values) + ")")
                        .query(String.class).list());
            } finally {
                jdbc.sql("DEALLOCATE audit_search").update();
            }
        });
    }
}
