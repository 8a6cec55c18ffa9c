package org.openiop.benchmarks.scheduling;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.openiop.benchmarks.ServiceProcess;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scheduling service benchmark through its real HTTP API: the service in this JVM on a fresh PostgreSQL database, a
 * real KRaft broker in its own JVM, the outbox relay publishing every event; one staff sign-in (session cookie).
 * <ol>
 * <li>booking throughput and p50/p99 latency at 1, 16 and 64 concurrent clients, each booking a different session
 * (the usual case: the rules, the exclusion constraint and the outbox row, no shared hot row);</li>
 * <li>the same at 64 clients all booking one large group (every booking waits for the session's row lock);</li>
 * <li>baseline in the same run: an authenticated one-row read (GET /api/programs/{id}) at the same concurrency;</li>
 * <li>a 12-week, 5-days-a-week series (60 days): preview, first commit (opens 60 group sessions and books them) and
 * later commits (join the existing groups);</li>
 * <li>open loop: bookings started at a fixed rate whatever the answers (as independent users arrive), each timed from
 * its planned start, so a stall shows in p99 instead of slowing the senders down;</li>
 * <li>the machine's ceiling in the same run: {@code ../shared/bench/pgbench-outbox.sh} (one UPDATE + one INSERT of an
 * event row per transaction, 16 clients), and the ratios to it.</li>
 * </ol>
 * Usage: benchmarks/run-scheduling [bookingsPerLevel=2000] [openLoopRates=500, comma-separated] [openLoopSeconds=10]
 */
public final class SchedulingBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int SESSIONS_PER_LEVEL = 100;

    private static final String NAMESPACE = "bench.";

    private static String base;
    private static int[] openRates;
    /** Open-loop requests in flight at most (as a proxy's connection cap): beyond it they wait, their clock running. */
    private static final int OPEN_LOOP_IN_FLIGHT = 64;
    private static int openSeconds;

    public static void main(String[] args) throws Exception {
        int bookings = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        openRates = java.util.Arrays.stream((args.length > 1 ? args[1] : "500").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        openSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            createTopics(broker.bootstrapServers());
            try (ServiceProcess service = ServiceProcess.start("scheduling-service", List.of(
                    "--spring.profiles.active=test",
                    "--spring.datasource.url=" + TestInfrastructure.newDatabase(),
                    "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                    "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                    "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                    "--iop.topic-namespace=" + NAMESPACE,
                    "--logging.level.root=WARN"))) {
                System.out.println("   load average at start: " + proc("loadavg"));
                measure(service, bookings);
                System.out.println("   load average at end: " + proc("loadavg"));
                // The service runs in its own JVM as deployed (ServiceProcess): its RSS is its own.
                System.out.println("   " + service.summary());
                System.out.print(service.nativeMemory());
                System.out.println("   service threads at the end: " + service.threadCensus());
            }
        }
        System.exit(0);
    }

    private static String proc(String file) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc", file)).strip();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** Created up front with a patient client: on a loaded machine the service's own 10 s admin timeout can lapse. */
    private static void createTopics(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of("iop.programs.v1", "iop.clients.v1", "iop.sessions.v1")) {
                topics.add(new NewTopic(NAMESPACE + topic, 6, (short) 1));
                topics.add(new NewTopic(NAMESPACE + topic + ".DLT", 6, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    private static void measure(ServiceProcess service, int bookings) throws Exception {
        base = "http://127.0.0.1:" + service.port();
        signIn("admin", "iop-admin"); // creates its programs; admin also holds STAFF
        String pool = "10 (Hikari's default)";
        System.out.printf("Scheduling benchmark: %,d bookings per level, %d cores, Java %s, DB pool %s%n",
                bookings, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), pool);

        bookingLevel(2, Math.min(bookings, 500), false); // warm-up: JIT, pools, plans
        System.out.println("1. bookings, each into its own session (POST /api/sessions/{id}/bookings):");
        Result closed16 = null;
        for (int clients : new int[] { 1, 16, 64 }) {
            Result r = bookingLevel(clients, clients == 1 ? bookings / 4 : bookings, false);
            print("   " + clients + " concurrent", r);
            closed16 = clients == 16 ? r : closed16;
        }
        System.out.printf("1b. open loop, bookings started at a fixed rate for %d s, at most %d in flight (latency from "
                + "each planned start, so time waiting for a free connection counts):%n", openSeconds,
                OPEN_LOOP_IN_FLIGHT);
        Result open = null;
        for (int rate : openRates) {
            open = openLoop(rate, rate * openSeconds);
            print("   " + rate + "/s offered", open);
        }
        System.out.println("2. bookings, all into one group of 500 seats:");
        print("   64 concurrent", bookingLevel(64, 500, true));
        System.out.println("3. baseline, authenticated one-row read (GET /api/programs/{id}):");
        String program = createProgram();
        for (int clients : new int[] { 1, 16, 64 }) {
            print("   " + clients + " concurrent",
                    run(clients, clients == 1 ? bookings / 4 : bookings, i -> get("/api/programs/" + program)));
        }
        series();
        System.out.println("5. ceiling in the same run, load average " + proc("loadavg") + ":");
        double tps = pgbenchOutbox();
        if (tps > 0) {
            System.out.printf("   pgbench outbox-shaped write (16 clients, 20 s): %,.0f tps; booking 16 concurrent %,.0f/s "
                    + "= ratio %.2f; open loop achieved %,.0f/s = ratio %.2f%n", tps,
                    closed16.count() / closed16.seconds(), closed16.count() / closed16.seconds() / tps,
                    open.count() / open.seconds(), open.count() / open.seconds() / tps);
        }
    }

    /** Bookings into 100 sessions of one program (fresh clients), started at {@code rate} per second. */
    private static Result openLoop(int rate, int count) throws Exception {
        String program = createProgram();
        LocalDate firstDay = nextYearMonday().plusWeeks(20);
        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS_PER_LEVEL; s++) {
            LocalDate day = firstDay.plusDays(s / 10);
            int hour = 8 + s % 10;
            sessions.add(post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP", "date", day.toString(),
                    "startTime", String.format("%02d:00", hour), "endTime", String.format("%02d:00", hour + 1),
                    "capacity", 500)).path("id").asString());
        }
        int clientCount = (count + SESSIONS_PER_LEVEL - 1) / SESSIONS_PER_LEVEL;
        List<String> enrolled = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            enrolled.add(post("/api/programs/" + program + "/enrolments", Map.of("displayName", "Open " + c,
                    "dateOfBirth", "1990-01-01", "admissionDate", firstDay.minusDays(1).toString()))
                    .path("clientId").asString());
        }
        long[] latencies = new long[count];
        AtomicInteger failures = new AtomicInteger();
        List<java.util.concurrent.CompletableFuture<?>> pending = new ArrayList<>(count);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(OPEN_LOOP_IN_FLIGHT);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < count; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            int n = i;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/sessions/"
                    + sessions.get(n % SESSIONS_PER_LEVEL) + "/bookings")).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("clientId", enrolled.get(n / SESSIONS_PER_LEVEL))))).build();
            pending.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                latencies[n] = System.nanoTime() - planned;
                inFlight.release();
                if (error != null || response.statusCode() >= 300) {
                    failures.incrementAndGet();
                }
                return null;
            }));
        }
        java.util.concurrent.CompletableFuture.allOf(pending.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get();
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(count, seconds, latencies[(int) (count * 0.50)] / 1e6,
                latencies[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6, failures.get());
    }

    /** {@code pgbench-outbox.sh} from {@code IOP_BENCH_DIR} (default ../shared/bench): its tps, or -1 if absent. */
    private static double pgbenchOutbox() throws Exception {
        java.nio.file.Path script = java.nio.file.Path.of(System.getenv().getOrDefault("IOP_BENCH_DIR",
                "../shared/bench"), "pgbench-outbox.sh");
        if (!java.nio.file.Files.isRegularFile(script)) {
            System.out.println("   (no " + script + ": ceiling not measured)");
            return -1;
        }
        Process p = new ProcessBuilder("bash", script.toString(), "16", "20").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!m.find()) {
            System.out.println("   pgbench printed no tps: " + out.strip());
            return -1;
        }
        return Double.parseDouble(m.group(1));
    }

    /** Books {@code count} seats with {@code clients} threads; a level gets its own program, sessions and clients. */
    private static Result bookingLevel(int clients, int count, boolean oneGroup) throws Exception {
        String program = createProgram();
        LocalDate firstDay = nextYearMonday();
        int sessionCount = oneGroup ? 1 : SESSIONS_PER_LEVEL;
        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < sessionCount; s++) {
            // ten one-hour sessions a day (08:00-18:00), so one client's sessions never overlap
            LocalDate day = firstDay.plusDays(s / 10);
            int hour = 8 + s % 10;
            sessions.add(post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP", "date", day.toString(),
                    "startTime", String.format("%02d:00", hour), "endTime", String.format("%02d:00", hour + 1),
                    "capacity", 500)).path("id").asString());
        }
        int clientCount = (count + sessionCount - 1) / sessionCount;
        List<String> enrolled = new ArrayList<>();
        for (int c = 0; c < clientCount; c++) {
            enrolled.add(post("/api/programs/" + program + "/enrolments", Map.of("displayName", "Bench " + c,
                    "dateOfBirth", "1990-01-01", "admissionDate", firstDay.minusDays(1).toString()))
                    .path("clientId").asString());
        }
        // booking i: session i % S, client i / S; in-flight bookings hit different sessions (or, oneGroup, the same)
        return run(clients, count, i -> post("/api/sessions/" + sessions.get(i % sessionCount) + "/bookings",
                Map.of("clientId", enrolled.get(i / sessionCount))));
    }

    private static void series() throws Exception {
        String program = createProgram();
        LocalDate start = nextYearMonday();
        List<String> weekdays = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        List<Double> commits = new ArrayList<>();
        double preview = 0;
        for (int i = 0; i < 11; i++) {
            String client = post("/api/programs/" + program + "/enrolments", Map.of("displayName", "Series " + i,
                    "dateOfBirth", "1990-01-01", "admissionDate", start.toString())).path("clientId").asString();
            Map<String, Object> body = Map.of("clientId", client, "type", "GROUP", "block", "MORNING",
                    "startDate", start.toString(), "daysOfWeek", weekdays, "weeks", 12, "capacity", 20);
            long t0 = System.nanoTime();
            JsonNode previewed = post("/api/programs/" + program + "/series/preview", body);
            long t1 = System.nanoTime();
            JsonNode created = post("/api/programs/" + program + "/series", body);
            long t2 = System.nanoTime();
            if (created.path("booked").asInt() != 60 || previewed.path("booked").asInt() != 60) {
                throw new IllegalStateException("series did not book 60 days: " + created);
            }
            if (i == 1) {
                preview = (t1 - t0) / 1e6;
            }
            commits.add((t2 - t1) / 1e6);
        }
        List<Double> later = new ArrayList<>(commits.subList(1, commits.size()));
        later.sort(Double::compare);
        System.out.println("4. 12-week, 5-days-a-week series (60 days):");
        System.out.printf("   preview (dry run, rolled back): %.0f ms%n", preview);
        System.out.printf("   first commit (opens 60 group sessions, 60 bookings, 60 events): %.0f ms%n", commits.get(0));
        System.out.printf("   later commits (join the groups; median of 10): %.0f ms%n", later.get(later.size() / 2));
    }

    record Result(int count, double seconds, double p50, double p99, int failures) {
    }

    private static void print(String label, Result r) {
        System.out.printf("%s: %,.0f req/s, p50 %.1f ms, p99 %.1f ms (%,d requests in %.1f s%s)%n", label,
                r.count() / r.seconds(), r.p50(), r.p99(), r.count(), r.seconds(),
                r.failures() == 0 ? "" : ", " + r.failures() + " FAILED");
    }

    /** Runs {@code count} requests on {@code threads} threads, each timing its own requests. */
    private static Result run(int threads, int count, IntFunction<JsonNode> request) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    try {
                        request.apply(i);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(latencies);
        return new Result(count, seconds, latencies[(int) (count * 0.50)] / 1e6,
                latencies[Math.min(count - 1, (int) Math.ceil(count * 0.99) - 1)] / 1e6, failures.get());
    }

    /** The services are stateless (no session, no form login): every request carries HTTP Basic credentials. */
    private static volatile String authorization;

    /**
     * The services keep no session, so every request carries HTTP Basic credentials; the built-in users' bcrypt cost
     * is 4 (see the backbone's SecurityConfiguration), so the hash costs about a millisecond, not the measurement.
     */
    private static void signIn(String user, String password) {
        authorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String createProgram() {
        return post("/api/programs", Map.of("name", "Bench " + UUID.randomUUID(), "timeZone", "America/New_York",
                "locationLabel", "Office", "phone", "+15551230000")).path("id").asString();
    }

    private static LocalDate nextYearMonday() {
        return LocalDate.now().plusYears(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    private static JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60))
                    .header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
