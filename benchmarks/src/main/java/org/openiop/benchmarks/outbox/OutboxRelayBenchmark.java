package org.openiop.benchmarks.outbox;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.flywaydb.core.Flyway;
import org.openiop.backbone.IopProperties;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.backbone.outbox.OutboxRelay;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.events.Block;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Outbox relay benchmark: a real KRaft broker in its own JVM, the local PostgreSQL, the real relay.
 * <ol>
 * <li>write ceiling: N writer threads commit one event per transaction with the relay off (what the database allows);</li>
 * <li>drain: the relay publishes that backlog (relay throughput alone);</li>
 * <li>live: writers and relay together, latency from insert to broker ack (published_at is set right after the ack).</li>
 * </ol>
 * Usage: benchmarks/run-outbox [events=100000] [writers=16]
 */
public final class OutboxRelayBenchmark {

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            IopProperties properties = new IopProperties("bench.", new IopProperties.Topics(List.of(), 6, (short) 1),
                    new IopProperties.Outbox(true, 1000, Duration.ofSeconds(5), Duration.ofDays(1)),
                    new IopProperties.Consumer(3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5)));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(properties.topic("iop.sessions.v1"), 6, (short) 1))).all().get();
            }
            try (HikariDataSource dataSource = dataSource(writers)) {
                JdbcClient jdbc = JdbcClient.create(dataSource);
                OutboxWriter outbox = new OutboxWriter(jdbc, properties);
                TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
                KafkaProperties kafka = new KafkaProperties();
                kafka.setBootstrapServers(List.of(broker.bootstrapServers()));
                String linger = System.getenv("OUTBOX_LINGER_MS"); // the relay producer's linger.ms, to compare
                if (linger != null && !linger.isBlank()) {
                    kafka.getProducer().getProperties().put("linger.ms", linger);
                }

                System.out.printf("Outbox relay benchmark: %,d events, %d writer threads, %d cores, Java %s, load average "
                        + "%.2f%n", events, writers, Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), load());
                if (linger != null && !linger.isBlank()) {
                    System.out.println("   relay producer linger.ms=" + linger + " (OUTBOX_LINGER_MS)");
                }
                double pgbenchBefore = pgbenchOutbox();
                System.out.printf("0. pgbench outbox-shaped ceiling (pgbench-outbox.sh, 16 clients, 20 s): %,.0f tps%n",
                        pgbenchBefore);
                write(outbox, tx, 5_000, writers); // warm-up of the JIT and the pool
                jdbc.sql("TRUNCATE outbox").update();

                double writeSeconds = write(outbox, tx, events, writers);
                System.out.printf("1. write ceiling (relay off): %,.0f events/s (%,.1f s)%n", events / writeSeconds, writeSeconds);

                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                OutboxRelay relay = new OutboxRelay(dataSource, () -> new KafkaBackboneConfiguration().outboxProducer(kafka),
                        properties.outbox(), meters);
                Instant drainStart = Instant.now();
                relay.start();
                awaitDrained(jdbc);
                double drainSeconds = Duration.between(drainStart, Instant.now()).toMillis() / 1000.0;
                System.out.printf("2. relay drain of the backlog: %,.0f events/s (%,.1f s)%n", events / drainSeconds, drainSeconds);

                jdbc.sql("TRUNCATE outbox").update();
                Instant liveStart = Instant.now();
                write(outbox, tx, events, writers);
                awaitDrained(jdbc);
                double liveSeconds = Duration.between(liveStart, Instant.now()).toMillis() / 1000.0;
                Map<String, Object> latency = jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) * 1000 AS p50,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) * 1000 AS p99
                        FROM outbox""").query().singleRow();
                System.out.printf("3. live (writers + relay): %,.0f events/s end to end (%,.1f s); insert->ack p50 %.1f ms, p99 %.1f ms%n",
                        events / liveSeconds, liveSeconds, ((Number) latency.get("p50")).doubleValue(),
                        ((Number) latency.get("p99")).doubleValue());

                jdbc.sql("TRUNCATE outbox").update();
                Thread.sleep(500);
                // Each sample is one event and one batch of the relay, so the change of each step timer's total is
                // that step's time for this event.
                List<String> steps = List.of("iop.outbox.relay.wakeup", "iop.outbox.relay.select",
                        "iop.outbox.relay.publish", "iop.outbox.relay.mark", "iop.outbox.commit.to.ack");
                int samples = 200;
                double[][] stepMillis = new double[steps.size() + 2][samples];
                int notified = 0;
                for (int i = 0; i < samples; i++) {
                    double[] before = totals(meters, steps);
                    long wakeups = meters.get("iop.outbox.relay.wakeup").timer().count();
                    long markCount = meters.get("iop.outbox.relay.mark").timer().count();
                    long t0 = System.nanoTime();
                    tx.executeWithoutResult(status -> outbox.append(event()));
                    stepMillis[steps.size()][i] = (System.nanoTime() - t0) / 1e6;
                    awaitDrained(jdbc);
                    // the mark's commit is visible a moment before the relay records its timer
                    for (int w = 0; w < 500 && meters.get("iop.outbox.relay.mark").timer().count() == markCount; w++) {
                        Thread.sleep(1);
                    }
                    double[] after = totals(meters, steps);
                    for (int s = 0; s < steps.size(); s++) {
                        stepMillis[s][i] = after[s] - before[s];
                    }
                    // commit.to.ack less the steps: the relay busy elsewhere (its last cycle) or between them
                    stepMillis[steps.size() + 1][i] = stepMillis[4][i] - stepMillis[0][i] - stepMillis[1][i]
                            - stepMillis[2][i];
                    if (meters.get("iop.outbox.relay.wakeup").timer().count() > wakeups) {
                        notified++;
                    }
                    Thread.sleep(20);
                }
                Map<String, Object> idleLatency = jdbc.sql("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) * 1000 AS p50,
                               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM published_at - created_at)) * 1000 AS p99
                        FROM outbox""").query().singleRow();
                System.out.printf("4. idle wake-up (one event at a time, 200 samples): insert->ack p50 %.1f ms, p99 %.1f ms%n",
                        ((Number) idleLatency.get("p50")).doubleValue(), ((Number) idleLatency.get("p99")).doubleValue());
                List<String> labels = List.of("writer's insert to relay woken by its NOTIFY (relay.wakeup)",
                        "relay's select (relay.select)", "records sent to broker ack (relay.publish)",
                        "published mark, with its commit (relay.mark)", "relay's commit.to.ack timer",
                        "writer's whole transaction (driver side)",
                        "commit.to.ack less wakeup, select and publish");
                System.out.printf("   idle steps, per sample (p50 / p99 / max ms; %d of %d samples woken by a NOTIFY, "
                        + "the others found by the relay still busy):%n", notified, samples);
                for (int s = 0; s < labels.size(); s++) {
                    double[] v = stepMillis[s].clone();
                    java.util.Arrays.sort(v);
                    System.out.printf("     %-62s %6.2f / %6.2f / %6.2f%n", labels.get(s), percentile(v, 0.5),
                            percentile(v, 0.99), v[v.length - 1]);
                }
                System.out.printf("relay/write-ceiling ratio (drain): %.2f%n", (events / drainSeconds) / (events / writeSeconds));
                relay.stop();
                double pgbenchAfter = pgbenchOutbox();
                if (pgbenchBefore > 0 && pgbenchAfter > 0) {
                    double pgbench = (pgbenchBefore + pgbenchAfter) / 2;
                    System.out.printf("pgbench outbox-shaped ceiling, same run: %,.0f tps before, %,.0f after, mean %,.0f; "
                            + "live end to end / pgbench %.2f; write ceiling (relay off) / pgbench %.2f%n",
                            pgbenchBefore, pgbenchAfter, pgbench, (events / liveSeconds) / pgbench,
                            (events / writeSeconds) / pgbench);
                }
                System.out.printf("live / write ceiling (relay off): %.2f; load average at the end %.2f%n",
                        writeSeconds / liveSeconds, load());
            }
        }
        System.exit(0);
    }

    /**
     * {@code pgbench-outbox.sh} from {@code IOP_BENCH_DIR} (default ../shared/bench), 16 clients for 20 s, in a scratch
     * database named for this run (the script's own name is fixed, and other benchmarks may run at the same time):
     * transactions/s, or -1 if the script is absent.
     */
    private static double pgbenchOutbox() throws Exception {
        Path script = Path.of(System.getenv().getOrDefault("IOP_BENCH_DIR", "../shared/bench"), "pgbench-outbox.sh");
        if (!Files.isRegularFile(script)) {
            System.out.println("   (no " + script + ": pgbench's outbox-shaped ceiling not measured)");
            return -1;
        }
        String db = "pgbench_raw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String text = Files.readString(script).replace("db=pgbench_raw", "db=" + db);
        Process p = new ProcessBuilder("bash", "-c", text, script.toString(), "16", "20").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find()) {
            System.out.println("   pgbench-outbox printed no rate: " + out.strip());
            return -1;
        }
        return Double.parseDouble(m.group(1));
    }

    /** Each timer's total time so far, in milliseconds. */
    private static double[] totals(SimpleMeterRegistry meters, List<String> names) {
        double[] totals = new double[names.size()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = meters.get(names.get(i)).timer().totalTime(TimeUnit.MILLISECONDS);
        }
        return totals;
    }

    /** Linear interpolation between closest ranks, like PostgreSQL's percentile_cont. */
    private static double percentile(double[] sorted, double p) {
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double write(OutboxWriter outbox, TransactionTemplate tx, int count, int threads) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant start = Instant.now();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                while (next.getAndIncrement() < count) {
                    SessionScheduled event = event();
                    tx.executeWithoutResult(status -> outbox.append(event));
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return Duration.between(start, Instant.now()).toNanos() / 1e9;
    }

    private static void awaitDrained(JdbcClient jdbc) throws InterruptedException {
        while (jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single() > 0) {
            Thread.sleep(2);
        }
    }

    private static SessionScheduled event() {
        Instant start = Instant.parse("2026-12-01T14:00:00Z");
        return SessionScheduled.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
                .setClientId(UUID.randomUUID().toString()).setProgramId("bench-program")
                .setBookingId(UUID.randomUUID().toString()).setSessionId(UUID.randomUUID().toString())
                .setSessionType(SessionType.GROUP).setBlock(Block.MORNING).setStartsAt(start)
                .setEndsAt(start.plusSeconds(3 * 3600)).setTimeZone("America/New_York").setSeriesId(null).build();
    }

    private static HikariDataSource dataSource(int writers) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.newDatabase());
        dataSource.setUsername(TestInfrastructure.postgresUser());
        dataSource.setPassword(TestInfrastructure.postgresPassword());
        dataSource.setSchema("bench");
        dataSource.setMaximumPoolSize(writers + 4);
        Flyway.configure().dataSource(dataSource).schemas("bench").locations("classpath:db/backbone").load().migrate();
        return dataSource;
    }
}
