package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.audit.AuditPartitions;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** One audit row per request naming its clients, searched by index, kept in monthly partitions. */
@SpringBootTest(classes = BackboneTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailTest {

    @LocalServerPort int port;
    @Autowired AuditTrail audit;
    @Autowired AuditPartitions partitions;
    @Autowired JdbcClient jdbc;

    private List<Map<String, Object>> search(String query) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth("officer", "iop-officer")).build()
                .get().uri("/api/audit?" + query).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    @Test
    void aReadOfManyClientsIsOneRowNamingThemAllAndEachClientFindsIt() {
        List<String> roster = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        long before = jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();

        audit.reads("roster", roster);
        audit.reads("roster", List.of());

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single()).isEqualTo(before + 1);
        for (String client : roster) {
            List<Map<String, Object>> found = search("clientId=" + client);
            assertThat(found).hasSize(1);
            assertThat(found.get(0)).containsEntry("resource", "roster").containsEntry("action", "READ")
                    .containsEntry("clientIds", roster);
        }
        // The compatibility view still shows one row per client touched.
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE client_id IN (:c)").param("c", roster)
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void filtersCombineAndPageNewestFirst() {
        String client = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            audit.change("enrolment", client, "change " + i);
        }
        Instant now = Instant.now();

        assertThat(search("clientId=" + client + "&size=2&page=0")).extracting(e -> e.get("detail"))
                .containsExactly("change 4", "change 3");
        assertThat(search("clientId=" + client + "&size=2&page=2")).extracting(e -> e.get("detail"))
                .containsExactly("change 0");
        assertThat(search("clientId=" + client + "&actor=system&from=" + now.minusSeconds(600) + "&to="
                + now.plusSeconds(60))).hasSize(5);
        assertThat(search("clientId=" + client + "&actor=someone-else")).isEmpty();
        assertThat(search("clientId=" + client + "&to=" + now.minusSeconds(600))).isEmpty();
    }

    @Test
    void monthsAreCreatedAheadAndMonthsPastTheRetentionAreDropped() {
        jdbc.sql("CREATE TABLE audit_log_y2015m01 PARTITION OF audit_log"
                + " FOR VALUES FROM ('2015-01-01 00:00:00+00') TO ('2015-02-01 00:00:00+00')").update();

        List<YearMonth> dropped = partitions.maintain();

        assertThat(dropped).containsExactly(YearMonth.of(2015, 1));
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        List<String> months = jdbc.sql("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = CAST('audit_log' AS regclass)""").query(String.class).list();
        for (int i = 0; i <= 3; i++) {
            YearMonth m = now.plusMonths(i);
            assertThat(months).contains("audit_log_y%04dm%02d".formatted(m.getYear(), m.getMonthValue()));
        }
        assertThat(months).doesNotContain("audit_log_y2015m01").contains("audit_log_default");
        assertThat(partitions.maintain()).isEmpty();
    }
}
