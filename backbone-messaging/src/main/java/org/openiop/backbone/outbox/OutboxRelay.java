package org.openiop.backbone.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.openiop.backbone.IopProperties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Publishes outbox rows to Kafka in commit-id order. Why our own relay rather than Spring Modulith's registry,
 * Debezium or a generic library: see docs/adr/0002-outbox-relay.md (per-key order, no logical replication, one
 * command local run).
 *
 * <ul>
 * <li>Wakes on PostgreSQL NOTIFY (sent by a statement trigger at commit), so an idle relay reacts within
 * milliseconds without polling; a slow fallback look guards against a lost notification.</li>
 * <li>One active relay per service schema (a session advisory lock), so several instances never interleave and
 * per-key order holds; the others stand by and take over when the holder's connection dies.</li>
 * <li>Rows are marked published only after the broker acknowledged them (idempotent producer, acks=all). If the
 * broker is down, rows wait and the relay retries with backoff: delayed, never lost.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String EVENT_ID_HEADER = "iop-event-id";
    static final String EVENT_TYPE_HEADER = "iop-event-type";

    private final DataSource dataSource;
    private final Supplier<Producer<String, byte[]>> producers;
    private Producer<String, byte[]> producer;
    private final IopProperties.Outbox settings;
    private final Timer commitToAck;
    /** The steps of the path from an insert to its published mark, timed apart (see the constructor). */
    private final Timer wakeup;
    private final Timer select;
    private final Timer publish;
    private final Timer mark;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private volatile boolean running;
    private volatile boolean leader;
    private volatile Thread worker;
    private volatile String channel;
    private Instant lastCleanup = Instant.EPOCH;
    /** The relay announced it was waiting and a writer's notification woke it: the flag is still set. */
    private boolean wokenByWriter;
    /** When a writer's notification woke the relay; taken by the next batch for the wake-up timer. */
    private Instant wokenAt;
    private Instant lastBacklogRefresh = Instant.EPOCH;

    /**
     * @param producers makes a fresh producer; after a failed send the relay discards its producer (aborting whatever
     *                  it still holds) so a record queued before the failure can never overtake the retried one
     */
    public OutboxRelay(DataSource dataSource, Supplier<Producer<String, byte[]>> producers,
            IopProperties.Outbox settings, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.producers = producers;
        this.settings = settings;
        this.commitToAck = Timer.builder("iop.outbox.commit.to.ack")
                .description("Time from an event's insertion in the outbox to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.wakeup = Timer.builder("iop.outbox.relay.wakeup")
                .description("Time from the insertion of the oldest event of a batch to the relay waking on the "
                        + "writer's notification (the writer's commit and the notification's delivery; only batches "
                        + "that followed a notification)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.select = Timer.builder("iop.outbox.relay.select")
                .description("The relay's read of a batch of unpublished events (batches with events only)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.publish = Timer.builder("iop.outbox.relay.publish")
                .description("Time from a batch read to the broker's acknowledgement of its last event (records "
                        + "built and handed to the producer, its linger, the broker's append and ack)")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.mark = Timer.builder("iop.outbox.relay.mark")
                .description("The update marking a batch's acknowledged events published, its commit included")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("iop.outbox.backlog", backlog, AtomicLong::get)
                .description("Unpublished events in the outbox").register(meters);
        Gauge.builder("iop.outbox.oldest.age", oldestAgeMillis, a -> a.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest unpublished event").register(meters);
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        // Woken from another thread: at shutdown the pool may be closing, and waiting for it must not hold us up.
        Thread waker = new Thread(this::wake, "outbox-relay-wake");
        waker.setDaemon(true);
        waker.start();
        Thread t = worker;
        if (t != null) {
            try {
                t.join(settings.fallbackPoll().toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the schema exists and stops before the pool closes. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** True while this instance holds the relay lock. */
    public boolean isLeader() {
        return leader;
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                listen(connection);
                backoffMillis = 100;
                while (running) {
                    if (!leader && !tryLead(connection)) {
                        waitForNotification(connection, settings.fallbackPoll());
                        continue;
                    }
                    int published = publishBatch(connection);
                    if (wokenByWriter) {
                        // Cleared only after the batch is acknowledged: this update's commit stays off the idle
                        // insert-to-ack path; meanwhile writers merely notify once more than needed.
                        waiting(connection, false);
                        wokenByWriter = false;
                    }
                    if (published < settings.batchSize()) {
                        refreshBacklog(connection, published == 0);
                        cleanupIfDue(connection);
                        if (published == 0 && nothingAfterAnnouncingWait(connection)) {
                            wokenByWriter = waitForNotification(connection, settings.fallbackPoll());
                            wokenAt = wokenByWriter ? Instant.now() : null;
                        }
                    }
                }
            } catch (Exception e) {
                leader = false;
                discardProducer();
                if (running) {
                    log.warn("Outbox relay paused for {} ms: {}", backoffMillis, e.toString());
                    sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 5_000);
                }
            }
        }
        leader = false;
    }

    private void listen(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            channel = "iop_outbox_" + rs.getString(1);
            s.execute("LISTEN " + channel);
        }
    }

    private boolean tryLead(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            ps.setString(1, channel);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leader = rs.getBoolean(1);
            }
        }
        if (leader) {
            log.info("Outbox relay is active on {}", channel);
        }
        return leader;
    }

    private int publishBatch(Connection connection) throws SQLException, InterruptedException {
        Instant woken = wokenAt;
        wokenAt = null;
        long selectStart = System.nanoTime();
        long selected;
        List<Long> ids = new ArrayList<>();
        List<Instant> createdAt = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT id, event_id, topic, message_key, event_type, payload, created_at, trace_parent FROM outbox
                WHERE published_at IS NULL ORDER BY id LIMIT ?""")) {
            ps.setInt(1, settings.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                selected = System.nanoTime();
                while (rs.next()) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString("topic"),
                            rs.getString("message_key"), rs.getBytes("payload"));
                    record.headers().add(EVENT_ID_HEADER, rs.getString("event_id").getBytes(StandardCharsets.UTF_8));
                    record.headers().add(EVENT_TYPE_HEADER, rs.getString("event_type").getBytes(StandardCharsets.UTF_8));
                    String traceParent = rs.getString("trace_parent");
                    if (traceParent != null) {
                        record.headers().add("traceparent", traceParent.getBytes(StandardCharsets.UTF_8));
                    }
                    ids.add(rs.getLong("id"));
                    createdAt.add(rs.getTimestamp("created_at").toInstant());
                    acks.add(producer().send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        select.record(selected - selectStart, TimeUnit.NANOSECONDS);
        if (woken != null && woken.isAfter(createdAt.get(0))) {
            wakeup.record(Duration.between(createdAt.get(0), woken));
        }
        // Only the acknowledged prefix is marked: anything after a failure is sent again, in order.
        int acknowledged = 0;
        Exception failure = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                awaitAck(ack);
                commitToAck.record(Duration.between(createdAt.get(acknowledged), Instant.now()));
                acknowledged++;
            } catch (ExecutionException | TimeoutException e) {
                failure = e;
                break;
            }
        }
        if (acknowledged == ids.size()) {
            publish.record(System.nanoTime() - selected, TimeUnit.NANOSECONDS);
        }
        long markStart = System.nanoTime();
        markPublished(connection, ids.subList(0, acknowledged));
        if (acknowledged > 0) {
            mark.record(System.nanoTime() - markStart, TimeUnit.NANOSECONDS);
        }
        if (failure != null) {
            throw new IllegalStateException("broker did not acknowledge event " + ids.get(acknowledged), failure);
        }
        return acknowledged;
    }

    /**
     * Waits as long as the producer keeps retrying (its delivery timeout is long, so an outage shorter than that
     * never expires a batch: expiry is what could let a later batch of the same key overtake an earlier one).
     */
    private void awaitAck(Future<RecordMetadata> ack) throws ExecutionException, TimeoutException,
            InterruptedException {
        while (true) {
            try {
                ack.get(1, TimeUnit.SECONDS);
                return;
            } catch (TimeoutException stillWaiting) {
                if (!running) {
                    throw stillWaiting;
                }
            }
        }
    }

    private Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = producers.get();
        }
        return producer;
    }

    /** Aborts every send still queued in the producer: the rows stay unpublished and are sent again, in order. */
    private void discardProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private void markPublished(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE outbox SET published_at = clock_timestamp() WHERE id = ANY (?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    /** @param now true when the relay found nothing (the gauges must show an empty outbox before it waits) */
    private void refreshBacklog(Connection connection, boolean now) throws SQLException {
        // Under load the relay comes here after almost every batch: for a gauge, once a second is enough.
        if (!now && Duration.between(lastBacklogRefresh, Instant.now()).toMillis() < 1_000) {
            return;
        }
        lastBacklogRefresh = Instant.now();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)) * 1000, 0)
                FROM outbox WHERE published_at IS NULL""")) {
            rs.next();
            backlog.set(rs.getLong(1));
            oldestAgeMillis.set(rs.getLong(2));
        }
    }

    private void cleanupIfDue(Connection connection) throws SQLException {
        if (Duration.between(lastCleanup, Instant.now()).toMinutes() < 10) {
            return;
        }
        lastCleanup = Instant.now();
        try (PreparedStatement ps = connection.prepareStatement(
                "DELETE FROM outbox WHERE published_at < clock_timestamp() - make_interval(secs => ?)")) {
            ps.setLong(1, settings.retention().toSeconds());
            ps.executeUpdate();
        }
    }

    /**
     * Tells writers to wake the relay ({@code outbox_relay_state.waiting}; they do not notify while it is busy, see
     * V0_34_1), then makes sure no row can be missed: each writer holds a shared lock from the moment it looks at the
     * flag until its commit, so once the relay could take that lock (without queueing ahead of writers: it only
     * tries) every writer that saw the old flag has committed, and a look at the outbox after that sees its row.
     *
     * @return true when there is nothing to publish and the relay may wait for a notification
     */
    private boolean nothingAfterAnnouncingWait(Connection connection) throws SQLException, InterruptedException {
        waiting(connection, true);
        try (PreparedStatement quiet = connection.prepareStatement("""
                SELECT pg_try_advisory_lock(hashtext(?), 1) AND pg_advisory_unlock(hashtext(?), 1)""");
                PreparedStatement pending = connection.prepareStatement(
                        "SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL)")) {
            quiet.setString(1, channel);
            quiet.setString(2, channel);
            while (running) {
                boolean noWriterInFlight;
                try (ResultSet rs = quiet.executeQuery()) {
                    rs.next();
                    noWriterInFlight = rs.getBoolean(1);
                }
                // A statement of its own: its snapshot is taken after those writers committed.
                boolean work;
                try (ResultSet rs = pending.executeQuery()) {
                    rs.next();
                    work = rs.getBoolean(1);
                }
                if (work) {
                    waiting(connection, false);
                    return false;
                }
                if (noWriterInFlight) {
                    return true;
                }
                Thread.sleep(2);
            }
        }
        return false;
    }

    private static void waiting(Connection connection, boolean waiting) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE outbox_relay_state SET waiting = ? WHERE waiting IS DISTINCT FROM ?")) {
            ps.setBoolean(1, waiting);
            ps.setBoolean(2, waiting);
            ps.executeUpdate();
        }
    }

    /** @return whether a notification came (false: the wait timed out) */
    private boolean waitForNotification(Connection connection, Duration max) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        org.postgresql.PGNotification[] notifications = pg.getNotifications((int) Math.max(1, max.toMillis()));
        return notifications != null && notifications.length > 0;
    }

    /** Sends a NOTIFY on our own channel so a waiting relay looks now (used on shutdown). */
    private void wake() {
        String ch = channel;
        if (ch == null) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + ch);
        } catch (SQLException e) {
            log.debug("Could not wake the outbox relay: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
