package org.openiop.benchmarks.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.openiop.benchmarks.faults.EndState.Counts;
import org.openiop.benchmarks.faults.Workload.Program;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.Message;

/**
 * Fault-injection suite against the platform deploy/local/start runs (benchmarks/run-faults starts it on its own
 * ports, with its own embedded PostgreSQL, and stops it afterwards). Each fault gets its own program; the workload
 * goes through the services' APIs and rides through the fault by retrying; then the real end state is read from the
 * services' databases (read-only) and the broker, and compared with what was produced:
 * <ol>
 * <li>the broker killed (-9) and restarted during 10,000 bookings and 10,000 attendance records;</li>
 * <li>PostgreSQL stopped mid-run, kept down 10 s, started again;</li>
 * <li>attendance-service killed (-9) while roster calls (batches of records) are under way, then restarted;</li>
 * <li>every consumer group's offsets reset to 0 (services stopped, reset, started): a full redelivery of all the
 * above, which must change no figure;</li>
 * <li>1% poison records (raw bytes that are no event) written onto the event topics during a run;</li>
 * <li>notification-service killed (-9) while it sends confirmations, then restarted: what the SMTP sink received.</li>
 * </ol>
 * "Recovered in" is from the fault until the end state was exact (every produced event applied), polled each second.
 */
public final class FaultSuite {

    private static final Duration SETTLE_LIMIT = Duration.ofMinutes(5);

    private final LocalStack stack;
    private final EndState db;
    private final Broker broker;
    private final Workload workload;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> allPrograms = new ArrayList<>();

    record Row(String fault, String flow, long produced, long applied, long lost, long duplicated, String deadLetters,
            String outage, String recovered) {
    }

    private FaultSuite(LocalStack stack, EndState db, Broker broker, Workload workload) {
        this.stack = stack;
        this.db = db;
        this.broker = broker;
        this.workload = workload;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path root = Path.of(env.getOrDefault("IOP_ROOT", ".")).toAbsolutePath().normalize();
        Path scripts = root.resolve("deploy/local");
        Path run = Path.of(env.getOrDefault("IOP_RUN_DIR", scripts.resolve("run").toString()));
        String pgPort = env.getOrDefault("IOP_PG_PORT", "25432");
        String kafkaPort = env.getOrDefault("IOP_KAFKA_PORT", "39092");
        int bigRun = Integer.parseInt(env.getOrDefault("FAULTS_BOOKINGS", "10000"));
        int smallRun = Integer.parseInt(env.getOrDefault("FAULTS_SMALL_BOOKINGS", "2000"));
        int smtpPort = Integer.parseInt(env.getOrDefault("FAULTS_SMTP_PORT", "38025"));
        Workload workload = new Workload(
                // programs are configured by an administrator; everything else is staff work
                new StaffApi("http://127.0.0.1:" + env.getOrDefault("IOP_SCHEDULING_PORT", "38081"), "admin", "iop-admin"),
                new StaffApi("http://127.0.0.1:" + env.getOrDefault("IOP_SCHEDULING_PORT", "38081"), "staff", "iop-staff"),
                new StaffApi("http://127.0.0.1:" + env.getOrDefault("IOP_ATTENDANCE_PORT", "38082"), "staff", "iop-staff"),
                new StaffApi("http://127.0.0.1:" + env.getOrDefault("IOP_NOTIFICATION_PORT", "38083"), "staff", "iop-staff"));
        // a sender killed mid-message leaves the sink a cut connection: one line, not a stack trace
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> log(thread.getName() + ": " + e.getMessage()
                + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")));
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Broker broker = new Broker("127.0.0.1:" + kafkaPort)) {
            FaultSuite suite = new FaultSuite(new LocalStack(scripts, run),
                    new EndState("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + env.getOrDefault("IOP_PG_DB", "openiop"),
                            "postgres"), broker, workload);
            long started = System.nanoTime();
            String only = env.getOrDefault("FAULTS_ONLY", "1234567");
            suite.attempt(only, '1', "1. broker kill -9, restart", () -> suite.brokerKilled(bigRun));
            suite.attempt(only, '2', "2. PostgreSQL stop, 10 s, start", () -> suite.postgresRestarted(smallRun));
            suite.attempt(only, '3', "3. attendance kill -9 mid-batch", () -> suite.attendanceKilled(smallRun));
            suite.attempt(only, '4', "4. all offsets reset to 0", suite::offsetsReset);
            suite.attempt(only, '5', "5. 1% poison records", () -> suite.poison(smallRun));
            suite.attempt(only, '6', "6. notification kill -9 mid-dispatch", () -> suite.notificationKilled(smallRun, smtp));
            suite.attempt(only, '7', "7. inputs deleted (retention), projection rebuilt", () -> suite.retentionRebuilt(
                    new StaffApi("http://127.0.0.1:" + env.getOrDefault("IOP_ATTENDANCE_PORT", "38082"), "admin",
                            "iop-admin")));
            suite.print((System.nanoTime() - started) / 1e9);
        } finally {
            smtp.stop();
        }
        System.exit(0);
    }

    private interface Fault {
        void run() throws Exception;
    }

    /** Runs one fault; if it cannot finish (the platform did not come back), says so in the table and goes on. */
    private void attempt(String only, char number, String name, Fault fault) throws Exception {
        if (only.indexOf(number) < 0) {
            return;
        }
        try {
            fault.run();
        } catch (Exception | Error e) {
            log(name + " did not finish: " + e);
            rows.add(new Row(name, "DID NOT FINISH: " + e.getMessage(), 0, 0, -1, -1, "-", "-", "-"));
            stack.startMissing(); // leave the platform up for the next fault
        }
    }

    // --------------------------------------------------------------------------------------------------------------

    private void brokerKilled(int bookings) throws Exception {
        String fault = "1. broker kill -9, restart";
        Program p = program(fault, bookings);
        long dlt = broker.deadLetters();
        CompletableFuture<Void> load = start(p, true);
        await(() -> p.booked.get() >= bookings * 3 / 10 || load.isDone());
        long fault0 = System.nanoTime();
        log(fault + ": killing the broker after " + p.booked.get() + " bookings, " + p.recorded.get() + " records");
        stack.kill("kafka");
        Pause.of(Duration.ofSeconds(10)); // services keep taking bookings into their outboxes meanwhile
        stack.startMissing();
        String outage = seconds(System.nanoTime() - fault0);
        load.join();
        settle(fault, List.of(p.id), fault0, outage, dlt);
    }

    private void postgresRestarted(int bookings) throws Exception {
        String fault = "2. PostgreSQL stop, 10 s, start";
        Program p = program(fault, bookings);
        long dlt = broker.deadLetters();
        CompletableFuture<Void> load = start(p, true);
        await(() -> p.booked.get() >= bookings * 3 / 10 || load.isDone());
        long fault0 = System.nanoTime();
        log(fault + ": restarting PostgreSQL after " + p.booked.get() + " bookings, " + p.recorded.get() + " records");
        stack.stop("postgres");
        Pause.of(Duration.ofSeconds(10)); // down as long as the broker in fault 1: a failover, not a blip
        stack.startMissing();
        String outage = seconds(System.nanoTime() - fault0);
        load.join();
        settle(fault, List.of(p.id), fault0, outage, dlt);
    }

    private void attendanceKilled(int bookings) throws Exception {
        String fault = "3. attendance kill -9 mid-batch";
        Program p = program(fault, bookings);
        long dlt = broker.deadLetters();
        CompletableFuture<Void> load = start(p, true);
        await(() -> p.recorded.get() >= bookings * 4 / 10 || load.isDone());
        long fault0 = System.nanoTime();
        log(fault + ": killing attendance-service after " + p.recorded.get() + " records (roster calls in flight)");
        stack.kill("attendance");
        stack.startMissing();
        String outage = seconds(System.nanoTime() - fault0);
        load.join();
        settle(fault, List.of(p.id), fault0, outage, dlt);
    }

    private void offsetsReset() throws Exception {
        String fault = "4. all offsets reset to 0";
        if (allPrograms.isEmpty()) {
            Program p = program(fault, 1000);
            start(p, true).join();
            settle(fault + " (setup)", List.of(p.id), System.nanoTime(), "-", broker.deadLetters());
            rows.removeIf(r -> r.fault().startsWith(fault));
        }
        long dlt = broker.deadLetters();
        long fault0 = System.nanoTime();
        stack.stop("scheduling", "attendance", "notification"); // a group's offsets can be altered only while empty
        List<String> groups = broker.resetAllOffsets();
        log(fault + ": " + groups);
        stack.startMissing();
        String outage = seconds(System.nanoTime() - fault0);
        awaitUpTo(SETTLE_LIMIT, () -> lag() == 0); // everything redelivered and consumed again
        settle(fault + " (all programs)", List.copyOf(allPrograms), fault0, outage, dlt);
    }

    private void poison(int bookings) throws Exception {
        String fault = "5. 1% poison records";
        Program p = program(fault, bookings);
        long dlt = broker.deadLetters();
        int poisonTotal = bookings * 2 / 100; // 1% of the bookings and attendance records this run produces
        List<String> markers = new ArrayList<>();
        CompletableFuture<Void> load = start(p, true);
        long fault0 = System.nanoTime();
        for (int burst = 1; burst <= 4; burst++) {
            int at = bookings * burst / 5;
            await(() -> p.booked.get() >= at || load.isDone());
            markers.addAll(broker.injectPoison("iop.sessions.v1", poisonTotal / 8));
            markers.addAll(broker.injectPoison("iop.attendance.v1", poisonTotal / 8));
        }
        log(fault + ": " + markers.size() + " poison records injected in 4 bursts");
        load.join();
        settle(fault, List.of(p.id), fault0, "-", dlt);
        Map<String, Integer> found = broker.poisonOnDeadLetters();
        long caught = markers.stream().filter(found::containsKey).count();
        long records = markers.stream().mapToLong(m -> found.getOrDefault(m, 0)).sum();
        // each consuming group dead-letters its own copy: 3 groups read iop.sessions.v1, 2 read iop.attendance.v1
        rows.add(new Row(fault, "poison -> .DLT (distinct)", markers.size(), caught, markers.size() - caught, 0,
                String.valueOf(records), "-", "-"));
    }

    private void notificationKilled(int bookings, GreenMail smtp) throws Exception {
        String fault = "6. notification kill -9 mid-dispatch";
        int sessions = 4;
        String domain = "faults-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Program p = workload.soonProgram(fault, bookings / sessions, sessions, domain);
        allPrograms.add(p.id);
        long dlt = broker.deadLetters();
        CompletableFuture<Void> load = start(p, false);
        await(() -> received(smtp, domain).values().stream().mapToInt(Integer::intValue).sum() >= p.bookings() / 4
                || load.isDone());
        long fault0 = System.nanoTime();
        log(fault + ": killing notification-service after " + received(smtp, domain).values().stream()
                .mapToInt(Integer::intValue).sum() + " confirmations received by the SMTP sink");
        stack.kill("notification");
        stack.startMissing();
        String outage = seconds(System.nanoTime() - fault0);
        load.join();
        boolean settled = awaitUpTo(SETTLE_LIMIT, () -> {
            long[] d = db.deliveries(p.id);
            return d[0] >= p.bookings() && d[1] == 0;
        });
        String recovered = settled ? seconds(System.nanoTime() - fault0) : "not within " + SETTLE_LIMIT.toSeconds() + " s";
        Counts c = db.of(List.of(p.id));
        rows.add(bookingRow(fault, "bookings -> notification", c.bookingsMade(), c.bookingsInNotification(), dlt,
                outage, recovered));
        Map<String, Integer> got = received(smtp, domain);
        long lost = 0;
        long twice = 0;
        long total = 0;
        for (int i = 0; i < p.clients.size(); i++) {
            int n = got.getOrDefault("c" + i + "@" + domain, 0);
            total += n;
            lost += Math.max(0, sessions - n);
            twice += Math.max(0, n - sessions);
        }
        rows.add(new Row(fault, "confirmations -> SMTP sink", p.bookings(), total, lost, twice, "-", outage, recovered));
    }

    /**
     * History independent of retention (ADR 0009, RetentionRebuildTest at scale): every record of the projection's
     * four input topics is deleted (Kafka's DeleteRecords, what retention does to old segments), the compliance
     * projection is rebuilt through the admin API, and every client-week of every program the suite created must come
     * back identical (minutes, still scheduled, minimum, status, closed, track).
     */
    private void retentionRebuilt(StaffApi admin) throws Exception {
        String fault = "7. inputs deleted (retention), projection rebuilt";
        if (allPrograms.isEmpty()) {
            Program p = program(fault, 1000);
            start(p, true).join();
            settle(fault + " (setup)", List.of(p.id), System.nanoTime(), "-", broker.deadLetters());
            rows.removeIf(r -> r.fault().startsWith(fault));
        }
        awaitUpTo(SETTLE_LIMIT, () -> lag() == 0);
        long dlt = broker.deadLetters();
        List<String> before = db.clientWeeks(allPrograms);
        long fault0 = System.nanoTime();
        long deleted = broker.deleteAllRecords(List.of("iop.programs.v1", "iop.clients.v1", "iop.sessions.v1",
                "iop.attendance.v1"));
        log(fault + ": " + deleted + " input records deleted; " + before.size() + " client-weeks before; rebuilding");
        admin.post("/api/admin/compliance/rebuild", Map.of());
        boolean done = awaitUpTo(SETTLE_LIMIT, () -> !admin.get("/api/admin/compliance/rebuild").path("replaying")
                .asBoolean(true));
        String recovered = done ? seconds(System.nanoTime() - fault0) : "not within " + SETTLE_LIMIT.toSeconds() + " s";
        List<String> after = db.clientWeeks(allPrograms);
        List<String> missing = new ArrayList<>(before);
        after.forEach(missing::remove);
        List<String> extra = new ArrayList<>(after);
        before.forEach(extra::remove);
        missing.stream().limit(5).forEach(w -> log(fault + ": differs or missing after the rebuild: " + w));
        rows.add(new Row(fault, "client-weeks (" + deleted + " input records deleted) -> rebuilt projection",
                before.size(), before.size() - missing.size(), missing.size(), extra.size(),
                String.valueOf(broker.deadLetters() - dlt), "-", recovered));
    }

    // --------------------------------------------------------------------------------------------------------------

    private Program program(String fault, int bookings) {
        int sessions = bookings >= 5000 ? 50 : 20;
        Program p = workload.program(fault.substring(0, 1), bookings / sessions, sessions);
        allPrograms.add(p.id);
        log(fault + ": program " + p.id + ", " + p.clients.size() + " clients x " + sessions + " sessions");
        return p;
    }

    private static CompletableFuture<Void> start(Program p, boolean record) {
        return CompletableFuture.runAsync(() -> {
            try {
                p.bookAndRecord(record);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Waits until the end state is exact (or the limit passes), then adds the fault's rows. */
    private void settle(String fault, List<String> programs, long fault0, String outage, long dltBefore)
            throws Exception {
        boolean settled = awaitUpTo(SETTLE_LIMIT, () -> db.of(programs).settled());
        String recovered = settled ? seconds(System.nanoTime() - fault0) : "not within " + SETTLE_LIMIT.toSeconds() + " s";
        Counts c = db.of(programs);
        rows.add(bookingRow(fault, "bookings -> attendance", c.bookingsMade(), c.bookingsInAttendance(), dltBefore,
                outage, recovered));
        rows.add(bookingRow(fault, "bookings -> notification", c.bookingsMade(), c.bookingsInNotification(), dltBefore,
                outage, recovered));
        // a record applied twice would show as extra minutes in the weekly totals
        long extraMinutes = Math.max(0, c.complianceMinutes() - c.recordedMinutes());
        long missingMinutes = Math.max(0, c.recordedMinutes() - c.complianceMinutes());
        rows.add(new Row(fault, "attendance records -> compliance", c.attendanceRecords(), c.complianceSessions(),
                Math.max(Math.max(0, c.attendanceRecords() - c.complianceSessions()),
                        missingMinutes / Workload.SESSION_MINUTES),
                Math.max(Math.max(0, c.complianceSessions() - c.attendanceRecords()),
                        extraMinutes / Workload.SESSION_MINUTES),
                "", outage, recovered + " (" + c.recordedMinutes() + " min recorded, " + c.complianceMinutes()
                        + " in totals)"));
        log(fault + ": " + c);
    }

    private Row bookingRow(String fault, String flow, long produced, long applied, long dltBefore, String outage,
            String recovered) throws Exception {
        return new Row(fault, flow, produced, applied, Math.max(0, produced - applied), Math.max(0, applied - produced),
                String.valueOf(broker.deadLetters() - dltBefore), outage, recovered);
    }

    private long lag() {
        try {
            return broker.consumerLag() + db.outboxBacklog();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<String, Integer> received(GreenMail smtp, String domain) {
        Map<String, Integer> byRecipient = new HashMap<>();
        try {
            for (Message m : smtp.getReceivedMessages()) {
                for (Address a : m.getRecipients(Message.RecipientType.TO)) {
                    if (a.toString().endsWith("@" + domain)) {
                        byRecipient.merge(a.toString(), 1, Integer::sum);
                    }
                }
            }
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        return byRecipient;
    }

    private static void await(BooleanSupplier condition) {
        if (!awaitUpTo(Duration.ofMinutes(15), condition)) {
            throw new IllegalStateException("condition not reached within 15 minutes");
        }
    }

    private static boolean awaitUpTo(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Pause.of(Duration.ofMillis(500));
        }
        return true;
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    static void log(String line) {
        System.out.printf("[faults %tT] %s%n", System.currentTimeMillis(), line);
    }

    private void print(double totalSeconds) {
        System.out.println();
        System.out.printf("| %-40s | %-32s | %8s | %8s | %4s | %10s | %11s | %8s | %s |%n", "fault", "flow", "produced",
                "applied", "lost", "duplicated", "dead letters", "outage", "recovered in");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (Row r : rows) {
            System.out.printf("| %-40s | %-32s | %,8d | %,8d | %4d | %10d | %11s | %8s | %s |%n", r.fault(), r.flow(),
                    r.produced(), r.applied(), r.lost(), r.duplicated(), r.deadLetters(), r.outage(), r.recovered());
        }
        System.out.printf("%nWhole suite: %.0f s. Every row lost = 0 and duplicated = 0: %s%n", totalSeconds,
                rows.stream().allMatch(r -> r.lost() == 0 && r.duplicated() == 0) ? "YES" : "NO");
    }
}
