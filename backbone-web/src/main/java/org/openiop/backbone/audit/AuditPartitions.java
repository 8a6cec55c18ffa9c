package org.openiop.backbone.audit;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the audit trail's monthly partitions (UTC months, by the database's clock): creates the coming months ahead and drops the months whose
 * every row is older than the retention period. Runs at start and then every {@link AuditProperties#checkEvery()};
 * instances of one service take turns through an advisory lock. A row whose month is missing lands in the default
 * partition instead of failing its request; such a month is then left uncreated (and logged) so no row is moved.
 */
public class AuditPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);
    private static final Pattern MONTH = Pattern.compile("audit_log_y(\\d{4})m(\\d{2})");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private ScheduledExecutorService timer;

    public AuditPartitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Creates missing months ahead and drops expired ones; returns the months dropped. */
    public List<YearMonth> maintain() {
        return transactions.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))").query().singleRow();
            List<String> existing = jdbc.sql("""
                    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                    WHERE i.inhparent = CAST('audit_log' AS regclass)""").query(String.class).list();
            // The database's clock: it stamps the rows.
            LocalDate today = jdbc.sql("SELECT CAST(now() AT TIME ZONE 'UTC' AS date)").query(LocalDate.class).single();
            YearMonth now = YearMonth.from(today);
            for (int i = 0; i <= properties.monthsAhead(); i++) {
                YearMonth month = now.plusMonths(i);
                if (!existing.contains(name(month))) {
                    create(month);
                }
            }
            LocalDate keepFrom = today.minus(properties.retention());
            List<YearMonth> dropped = new ArrayList<>();
            for (String table : existing) {
                Matcher m = MONTH.matcher(table);
                if (m.matches()) {
                    YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                    if (!month.plusMonths(1).atDay(1).isAfter(keepFrom)) {
                        jdbc.sql("DROP TABLE " + table).update();
                        dropped.add(month);
                    }
                }
            }
            if (!dropped.isEmpty()) {
                log.info("Audit months past their retention of {} dropped: {}", properties.retention(), dropped);
            }
            return dropped;
        });
    }

    private void create(YearMonth month) {
        String from = month.atDay(1) + " 00:00:00+00";
        String to = month.plusMonths(1).atDay(1) + " 00:00:00+00";
        boolean strays = jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_log_default WHERE at >= CAST(:from AS timestamptz)"
                + " AND at < CAST(:to AS timestamptz))").param("from", from).param("to", to)
                .query(Boolean.class).single();
        if (strays) {
            log.warn("Audit rows of {} are in the default partition; that month is not created", month);
            return;
        }
        jdbc.sql("CREATE TABLE " + name(month) + " PARTITION OF audit_log FOR VALUES FROM ('" + from + "') TO ('"
                + to + "')").update();
    }

    static String name(YearMonth month) {
        return "audit_log_y%04dm%02d".formatted(month.getYear(), month.getMonthValue());
    }

    private void maintainLogged() {
        try {
            maintain();
        } catch (RuntimeException e) {
            log.warn("Audit partition upkeep failed; next attempt in {}", properties.checkEvery(), e);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-partitions");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::maintainLogged, 0, properties.checkEvery().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
