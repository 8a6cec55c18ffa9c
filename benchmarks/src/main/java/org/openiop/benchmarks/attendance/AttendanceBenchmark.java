package org.openiop.benchmarks.attendance;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openiop.events.Block;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.EventTopics;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionAttended;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;
import org.openiop.events.Track;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.openiop.benchmarks.ServiceProcess;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Attendance benchmark, against a real KRaft broker in its own JVM and the local PostgreSQL.
 * <ol>
 * <li>API to readable, first and on topics of its own (so no replay backlog is timed): p50/p99 from
 * POST /api/bookings/{id}/attendance returning to the new total being visible in
 * GET /api/programs/{id}/compliance/weeks/{week} (through the outbox, the attendance topic and the projection);</li>
 * <li>compliance projection replay: N events (program, enrolments, sessions scheduled, sessions attended) are put on
 * the four input topics first; Kafka's own ConsumerPerformance reads the same topics; then the service starts on an
 * empty database and the time until its projection has applied all N is measured, and the ratio printed. On a
 * loaded machine the replay is measured for at most {@code -Dbench.replay.cap} (default 17 minutes) and the rate is
 * over what was applied by then (printed as such).</li>
 * </ol>
 * Usage: benchmarks/run-attendance [events=1000000] [latencySamples=200]
 */
public final class AttendanceBenchmark {

    private static final String NAMESPACE = "bench.";
    private static final String LATENCY_NAMESPACE = "latency.";
    /** The topic namespace events are sent to: the latency phase has topics of its own. */
    private static String sendTo = LATENCY_NAMESPACE;
    private static final ZoneId ZONE = ZoneId.of("America/New_York");
    private static final int SESSIONS_PER_CLIENT = 12;
    private static final List<String> INPUTS = List.of(EventTopics.PROGRAMS, EventTopics.CLIENTS, EventTopics.SESSIONS,
            EventTopics.ATTENDANCE);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        // On a loaded machine a full replay can outlast the time available: stop measuring after this long and
        // report the rate over what was applied (and say so).
        Duration cap = Duration.parse(System.getProperty("bench.replay.cap", "PT17M"));
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start()) {
            createTopics(broker.bootstrapServers(), LATENCY_NAMESPACE);
            createTopics(broker.bootstrapServers(), NAMESPACE);
            System.out.printf("Attendance benchmark: %d cores, Java %s, load average %.2f at start%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), load());

            // (b) first, on topics of its own: measured behind a replay backlog it would time the backlog instead.
            try (ServiceProcess service = service(broker, LATENCY_NAMESPACE, TestInfrastructure.newDatabase())) {
                latency(service, broker.bootstrapServers(), samples);
                System.out.println("   " + service.summary());
            }

            String programId = UUID.randomUUID().toString();
            long produced = produce(broker.bootstrapServers(), programId, events);
            System.out.printf("1. %,d events on %d topics (%d partitions each)%n", produced, INPUTS.size(), 6);
            double raw = consumerPerformance(broker.bootstrapServers(), produced);
            System.out.printf("   Kafka ConsumerPerformance over the same topics: %,.0f records/s%n", raw);

            double ceilingBefore = batchCeiling();
            long started = System.nanoTime();
            String database = TestInfrastructure.newDatabase();
            try (ServiceProcess service = service(broker, NAMESPACE, database)) {
                org.springframework.jdbc.datasource.SingleConnectionDataSource db =
                        new org.springframework.jdbc.datasource.SingleConnectionDataSource(database
                                + (database.contains("?") ? "&" : "?") + "currentSchema=attendance",
                                TestInfrastructure.postgresUser(), TestInfrastructure.postgresPassword(), true);
                JdbcClient jdbc = JdbcClient.create(db);
                long applied = 0;
                long reported = 0;
                long firstApplied = 0;
                long atFirst = 0;
                while (applied < produced && System.nanoTime() - started < cap.toNanos()) {
                    Thread.sleep(200);
                    applied = jdbc.sql("SELECT count(*) FROM processed_event WHERE consumer = "
                            + "'attendance.compliance'").query(Long.class).single();
                    if (firstApplied == 0 && applied > 0) {
                        firstApplied = System.nanoTime();
                        atFirst = applied;
                    }
                    if (applied - reported >= 100_000) {
                        System.out.printf("   ... %,d applied after %.0f s (load average %.2f)%n", applied,
                                (System.nanoTime() - started) / 1e9, load());
                        reported = applied;
                    }
                }
                long ended = System.nanoTime();
                double seconds = (ended - started) / 1e9;
                double withStart = applied / seconds;
                // The projection's own rate: from the first poll seen applied to the last (service start-up excluded).
                double replaySeconds = (ended - firstApplied) / 1e9;
                double projection = (applied - atFirst) / replaySeconds;
                System.out.printf("   compliance projection replay from offset 0: %,d of %,d events%s; %,.1f s with "
                        + "service start = %,.0f events/s; %,.1f s from the first poll applied = %,.0f events/s "
                        + "(load average %.2f)%n", applied, produced, applied < produced ? " (stopped at the cap)" : "",
                        seconds, withStart, replaySeconds, projection, load());
                System.out.printf("   ratio to ConsumerPerformance: %.4f (1 : %.0f)%n", projection / raw,
                        raw / projection);
                double ceilingAfter = batchCeiling();
                if (ceilingBefore > 0 && ceilingAfter > 0) {
                    double ceiling = (ceilingBefore + ceilingAfter) / 2;
                    System.out.printf("   batched inbox+fact write ceiling, same run (pg-batch-ceiling.sh, 2 clients): "
                            + "%,.0f rows/s before the replay, %,.0f after, mean %,.0f; replay ratio %.3f "
                            + "(with service start %.3f) (load average %.2f)%n", ceilingBefore, ceilingAfter, ceiling,
                            projection / ceiling, withStart / ceiling, load());
                }
                db.destroy();
                // The service ran in its own JVM as deployed (ServiceProcess): its RSS is its own.
                System.out.println("   " + service.summary());
                System.out.print(service.nativeMemory());
                System.out.println("   service threads at the end: " + service.threadCensus());
            }
            System.out.printf("Load average at the end: %.2f%n", load());
        }
        System.exit(0);
    }

    private static ServiceProcess service(KafkaBrokerProcess broker, String namespace, String database)
            throws Exception {
        return ServiceProcess.start("attendance-service", List.of("--spring.profiles.active=test",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--iop.topic-namespace=" + namespace,
                // attendance here arrives straight on the topic, so the recording side must not
                // declare the same sessions no-shows
                "--attendance.no-show.enabled=false",
                // latency samples record sessions that lie ahead (they cannot be created in the past)
                "--attendance.recording.clock-skew=400d",
                "--iop.security.users[0].username=bench", "--iop.security.users[0].password=bench",
                "--iop.security.users[0].roles[0]=STAFF",
                "--iop.security.users[0].roles[1]=COMPLIANCE_OFFICER",
                "--logging.level.root=WARN"));
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void createTopics(String bootstrap, String namespace) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 120_000))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of(EventTopics.PROGRAMS, EventTopics.CLIENTS, EventTopics.SESSIONS,
                    EventTopics.ATTENDANCE, EventTopics.COMPLIANCE)) {
                topics.add(new NewTopic(namespace + topic, 6, (short) 1));
                topics.add(new NewTopic(namespace + topic + EventTopics.DLT_SUFFIX, 6, (short) 1));
            }
            admin.createTopics(topics).all().get();
        }
    }

    /** One program, then per client: an enrolment, 12 sessions over 4 past weeks and their attendance. */
    private static long produce(String bootstrap, String programId, int events) throws Exception {
        sendTo = NAMESPACE;
        AvroEventSerializer serializer = new AvroEventSerializer();
        long count = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            count += send(producer, serializer, programId, program(programId));
            LocalDate firstWeek = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                    .minusWeeks(6);
            int perClient = 1 + 2 * SESSIONS_PER_CLIENT;
            for (int c = 0; count + perClient <= events; c++) {
                String clientId = UUID.randomUUID().toString();
                count += send(producer, serializer, clientId, ClientEnrolled.newBuilder().setEventId(id())
                        .setOccurredAt(Instant.now()).setClientId(clientId).setProgramId(programId)
                        .setTrack(c % 3 == 0 ? Track.ADOLESCENT : Track.ADULT).setAdmissionDate(firstWeek.minusWeeks(1))
                        .setPlannedDischargeDate(null).setPhaseSessionsPerWeek(3).setPhaseStepDown(false).build());
                for (int s = 0; s < SESSIONS_PER_CLIENT; s++) {
                    LocalDate day = firstWeek.plusWeeks(s / 3).plusDays(2L * (s % 3));
                    Instant start = day.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
                    SessionScheduled scheduled = SessionScheduled.newBuilder().setEventId(id())
                            .setOccurredAt(Instant.now()).setClientId(clientId).setProgramId(programId)
                            .setBookingId(id()).setSessionId(id()).setSessionType(SessionType.GROUP)
                            .setBlock(Block.MORNING).setStartsAt(start).setEndsAt(start.plus(Duration.ofHours(3)))
                            .setTimeZone(ZONE.getId()).setSeriesId(null).build();
                    count += send(producer, serializer, clientId, scheduled);
                    Instant in = start.plus(Duration.ofMinutes((c + s) % 30));
                    count += send(producer, serializer, clientId, SessionAttended.newBuilder().setEventId(id())
                            .setOccurredAt(Instant.now()).setClientId(clientId).setProgramId(programId)
                            .setBookingId(scheduled.getBookingId()).setSessionId(scheduled.getSessionId())
                            .setSessionType(SessionType.GROUP).setBlock(Block.MORNING).setStartsAt(start)
                            .setEndsAt(scheduled.getEndsAt()).setTimeZone(ZONE.getId()).setCheckedInAt(in)
                            .setCheckedOutAt(scheduled.getEndsAt())
                            .setAttendedMinutes((int) Duration.between(in, scheduled.getEndsAt()).toMinutes())
                            .setRevision(1).setRecordedBy("bench").build());
                }
            }
            producer.flush();
        }
        return count;
    }

    private static ProgramConfigured program(String programId) {
        return ProgramConfigured.newBuilder().setEventId(id()).setOccurredAt(Instant.now()).setProgramId(programId)
                .setTimeZone(ZONE.getId()).setWeekStart("MONDAY").setAdultMinimumMinutes(540)
                .setAdolescentMinimumMinutes(360).setNoShowGraceMinutes(60).setDailyThresholdMinutes(180)
                .setStepDownAllowanceWeeks(2).setLocationLabel("Site").setPhone("+15550100").build();
    }

    private static int send(KafkaProducer<String, byte[]> producer, AvroEventSerializer serializer, String key,
            SpecificRecord event) {
        String topic = sendTo + EventTopics.topicOf(event.getClass());
        producer.send(new ProducerRecord<>(topic, key, serializer.serialize(topic, event)));
        return 1;
    }

    /** Kafka's own consumer tool over each input topic, in a JVM of its own; the combined records per second. */
    private static double consumerPerformance(String bootstrap, long total) throws Exception {
        long messages = 0;
        double seconds = 0;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String logical : INPUTS) {
                String topic = NAMESPACE + logical;
                long inTopic = 0;
                for (int p = 0; p < 6; p++) {
                    inTopic += admin.listOffsets(Map.of(new org.apache.kafka.common.TopicPartition(topic, p),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get().values().iterator()
                            .next().offset();
                }
                if (inTopic == 0) {
                    continue;
                }
                // kafka-tools (ConsumerPerformance) is not a dependency of this module; run-attendance fetches it.
                String classpath = System.getProperty("java.class.path") + File.pathSeparator
                        + System.getProperty("kafka.tools.classpath", "");
                Process process = new ProcessBuilder(java, "-Xmx512m", "-cp", classpath,
                        "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic",
                        topic, "--messages", Long.toString(inTopic), "--group", "perf-" + UUID.randomUUID(),
                        "--timeout", "60000").redirectErrorStream(true).start();
                String lastLine = null;
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (!line.isBlank() && Character.isDigit(line.charAt(0))) {
                            lastLine = line;
                        }
                    }
                }
                process.waitFor();
                if (lastLine == null) {
                    throw new IllegalStateException("ConsumerPerformance printed no result (is kafka-tools on "
                            + "-Dkafka.tools.classpath?)");
                }
                // start.time, end.time, MB, MB.sec, nMsg, nMsg.sec, rebalance.ms, fetch.ms, fetch.MB.sec, fetch.nMsg.sec
                String[] cols = lastLine.split(",\\s*");
                long n = Long.parseLong(cols[4].trim());
                double rate = Double.parseDouble(cols[5].trim());
                messages += n;
                seconds += n / rate;
            }
        }
        if (messages < total) {
            System.out.printf("   (ConsumerPerformance read %,d of %,d records)%n", messages, total);
        }
        return messages / seconds;
    }

    /**
     * {@code pg-batch-ceiling.sh} from {@code IOP_BENCH_DIR} (default ../shared/bench): rows/s, or -1 if absent. The
     * script's scratch database has a fixed name; this run gives it one of its own, so benchmarks running at the same
     * time on the shared PostgreSQL do not drop each other's.
     */
    private static double batchCeiling() throws Exception {
        Path script = Path.of(System.getenv().getOrDefault("IOP_BENCH_DIR", "../shared/bench"),
                "pg-batch-ceiling.sh");
        if (!java.nio.file.Files.isRegularFile(script)) {
            System.out.println("   (no " + script + ": batch ceiling not measured)");
            return -1;
        }
        String db = "pgbench_batch_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String text = java.nio.file.Files.readString(script).replace("db=pgbench_batch", "db=" + db);
        Process p = new ProcessBuilder("bash", "-c", text, script.toString(), "2", "1000").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ceiling: ([0-9,]+) rows/s").matcher(out);
        if (!m.find()) {
            System.out.println("   pg-batch-ceiling printed no rate: " + out.strip());
            return -1;
        }
        return Double.parseDouble(m.group(1).replace(",", ""));
    }

    /** POST attendance, then poll the program week until the client's new total shows. */
    private static void latency(ServiceProcess service, String bootstrap, int samples)
            throws Exception {
        int port = service.port();
        String base = "http://127.0.0.1:" + port;
        String programId = UUID.randomUUID().toString();
        LocalDate week = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY))
                .plusWeeks(1);
        AvroEventSerializer serializer = new AvroEventSerializer();
        List<Long> micros = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            send(producer, serializer, programId, program(programId));
            for (int i = 0; i < samples + 20; i++) {
                String clientId = UUID.randomUUID().toString();
                send(producer, serializer, clientId, ClientEnrolled.newBuilder().setEventId(id())
                        .setOccurredAt(Instant.now()).setClientId(clientId).setProgramId(programId)
                        .setTrack(Track.ADULT).setAdmissionDate(week.minusWeeks(2)).setPlannedDischargeDate(null)
                        .setPhaseSessionsPerWeek(3).setPhaseStepDown(false).build());
                Instant start = week.atTime(LocalTime.of(9, 0)).atZone(ZONE).toInstant();
                String bookingId = id();
                send(producer, serializer, clientId, SessionScheduled.newBuilder().setEventId(id())
                        .setOccurredAt(Instant.now()).setClientId(clientId).setProgramId(programId)
                        .setBookingId(bookingId).setSessionId(id()).setSessionType(SessionType.GROUP)
                        .setBlock(Block.MORNING).setStartsAt(start).setEndsAt(start.plus(Duration.ofHours(3)))
                        .setTimeZone(ZONE.getId()).setSeriesId(null).build());
                producer.flush();
                for (int status; (status = get(base + "/api/bookings/" + bookingId + "/attendance").statusCode())
                        != 200; ) {
                    if (status == 401 || status == 403) {
                        throw new IllegalStateException("the benchmark user is refused: HTTP " + status);
                    }
                    Thread.sleep(5);
                }
                long t0 = System.nanoTime();
                HttpResponse<String> posted = post(base + "/api/bookings/" + bookingId + "/attendance",
                        "{\"checkedInAt\":\"" + start + "\",\"checkedOutAt\":\"" + start.plus(Duration.ofHours(3))
                                + "\"}");
                if (posted.statusCode() != 201) {
                    throw new IllegalStateException("attendance refused: " + posted.body());
                }
                String expected = "\"clientId\":\"" + clientId + "\",\"track\":\"ADULT\",\"attendedMinutes\":180";
                while (!get(base + "/api/programs/" + programId + "/compliance/weeks/" + week).body()
                        .contains(expected)) {
                    Thread.sleep(1);
                }
                if (i >= 20) { // the first 20 warm up JIT, pools and plans
                    micros.add((System.nanoTime() - t0) / 1000);
                }
            }
        }
        Collections.sort(micros);
        System.out.printf("2. attendance API call to new total readable (%d samples): p50 %.1f ms, p99 %.1f ms%n",
                micros.size(), micros.get(micros.size() / 2) / 1000.0,
                micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString("bench:bench".getBytes(StandardCharsets.UTF_8));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
