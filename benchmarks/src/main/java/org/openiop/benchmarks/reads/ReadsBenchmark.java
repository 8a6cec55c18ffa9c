package org.openiop.benchmarks.reads;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 20, "reads that stay flat as data grows": seeds the synthetic organisation ({@link Seed}) into the database
 * of a running local stack (deploy/local/start, started by {@code benchmarks/run-reads}) and times one program's reads
 * through the real services' HTTP APIs and the front door's pages: p50/p99 over {@code requests} sequential requests
 * each, first as the services run (pgjdbc's server-side prepared statements after five uses), then with every
 * connection on {@code plan_cache_mode = force_generic_plan} (what a pooled prepared statement may get).
 *
 * <p>Usage: {@code ReadsBenchmark <scale[,scale...]> [requests=200] [history=100]}: each scale grows the same
 * organisation (the timed program is program 1 at every size); connection settings in system properties
 * {@code reads.db} (JDBC URL), {@code reads.scheduling}, {@code reads.attendance}, {@code reads.notification},
 * {@code reads.webui}; {@code reads.seed=false} measures an already seeded database; {@code reads.out} writes the
 * figures as tab-separated lines to that file.
 */
public final class ReadsBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Read(String name, String user, IntFunction<String> url) {
    }

    public static void main(String[] args) throws Exception {
        String[] scales = (args.length > 0 ? args[0] : "0.01").split(",");
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int history = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int seeded = 0;
        for (String s : scales) {
            seeded = measure(Double.parseDouble(s), requests, history, seeded);
        }
    }

    /** Grows the organisation to {@code scale} (programs after {@code seeded} are new) and times the reads. */
    private static int measure(double scale, int requests, int history, int seeded) throws Exception {
        String dbUrl = System.getProperty("reads.db", "jdbc:postgresql://127.0.0.1:5432/iop_reads");
        String scheduling = System.getProperty("reads.scheduling", "http://127.0.0.1:3281");
        String attendance = System.getProperty("reads.attendance", "http://127.0.0.1:3282");
        String notification = System.getProperty("reads.notification", "http://127.0.0.1:3283");
        String webui = System.getProperty("reads.webui", "http://127.0.0.1:3280");
        System.out.printf("load average at start: %s%n", load());

        Seed seed;
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "")) {
            seed = new Seed(db, scale, history, seeded + 1);
            if (Boolean.parseBoolean(System.getProperty("reads.seed", "true"))) {
                long t = System.nanoTime();
                seed.run(webuiSchema(db));
                System.out.printf("seed finished in %.1f s, load average %s%n", (System.nanoTime() - t) / 1e9, load());
            }
            try (Statement s = db.createStatement(); var rs = s.executeQuery(
                    "SELECT pg_size_pretty(pg_database_size(current_database()))")) {
                rs.next();
                System.out.printf("database size: %s%n", rs.getString(1));
            }
        }

        int p = seed.sampleProgram();
        String program = Seed.programId(p);
        List<String> clients = new ArrayList<>();
        for (int k = 0; k < Seed.CLIENTS_PER_PROGRAM; k++) {
            clients.add(Seed.clientId(p, k));
        }
        LocalDate w0 = seed.weekStart;
        LocalDate today = LocalDate.now(java.time.ZoneId.of(Seed.ZONE));
        String from = w0.minusWeeks(11).toString();
        String to = w0.plusDays(6).toString();
        IntFunction<String> client = i -> clients.get(i % clients.size());
        String anyName = "program " + String.format("%04d", Math.max(1, seed.programs - 3));

        List<Read> reads = List.of(
                new Read("API officer's week (attendance)", "officer",
                        i -> attendance + "/api/programs/" + program + "/compliance/weeks/" + w0),
                new Read("API client compliance (attendance)", "officer",
                        i -> attendance + "/api/clients/" + client.apply(i) + "/compliance"),
                new Read("API evidence JSON, 12 weeks", "officer",
                        i -> attendance + "/api/clients/" + client.apply(i) + "/evidence?from=" + from + "&to=" + to),
                new Read("API evidence CSV, 12 weeks", "officer",
                        i -> attendance + "/api/clients/" + client.apply(i) + "/evidence/csv?from=" + from + "&to=" + to),
                new Read("API evidence PDF, 12 weeks", "officer",
                        i -> attendance + "/api/clients/" + client.apply(i) + "/evidence/pdf?from=" + from + "&to=" + to),
                new Read("API FHIR Appointment?patient", "officer",
                        i -> attendance + "/api/fhir/r4/Appointment?patient=" + client.apply(i)),
                new Read("API FHIR Encounter?patient", "officer",
                        i -> attendance + "/api/fhir/r4/Encounter?patient=" + client.apply(i)),
                new Read("API certifications due, one program", "officer",
                        i -> attendance + "/api/certifications/due?programId=" + program + "&withinDays=14"),
                new Read("API certifications due, all programs", "officer",
                        i -> attendance + "/api/certifications/due?withinDays=0"),
                new Read("API audit by client (attendance)", "admin",
                        i -> attendance + "/api/audit?clientId=" + client.apply(i)),
                new Read("API audit by client (scheduling)", "admin",
                        i -> scheduling + "/api/audit?clientId=" + client.apply(i)),
                new Read("API audit newest (attendance)", "admin", i -> attendance + "/api/audit"),
                new Read("API week board (scheduling)", "staff",
                        i -> scheduling + "/api/programs/" + program + "/week-board?date=" + today),
                new Read("API client schedule, 4 weeks", "staff",
                        i -> scheduling + "/api/clients/" + client.apply(i) + "/schedule?from=" + w0.minusWeeks(2)
                                + "&to=" + w0.plusWeeks(2)),
                new Read("API enrolments of the program", "staff",
                        i -> scheduling + "/api/programs/" + program + "/enrolments?size=200"),
                new Read("API program list, search", "staff",
                        i -> scheduling + "/api/programs?search=" + enc(anyName) + "&size=20"),
                new Read("API program list, last page", "staff",
                        i -> scheduling + "/api/programs?page=" + ((seed.programs - 1) / 20) + "&size=20"),
                new Read("API client's messages (notification)", "staff",
                        i -> notification + "/api/clients/" + client.apply(i) + "/deliveries"),
                new Read("page /officer/home", "officer", i -> webui + "/officer/home"),
                new Read("page officer's week", "officer",
                        i -> webui + "/officer/programs/" + program + "/weeks/" + w0),
                new Read("page officer's client", "officer", i -> webui + "/officer/clients/" + client.apply(i)),
                new Read("page evidence CSV", "officer",
                        i -> webui + "/officer/clients/" + client.apply(i) + "/evidence/csv?from=" + from + "&to=" + to),
                new Read("page certifications due", "officer", i -> webui + "/officer/certifications?within=14"),
                new Read("page /staff/today", "staff", i -> webui + "/staff/today"),
                new Read("page week board", "staff", i -> webui + "/staff/programs/" + program + "/week"),
                new Read("page client chart", "staff", i -> webui + "/staff/clients/" + client.apply(i)),
                new Read("page program switcher, search", "staff",
                        i -> webui + "/programs?q=" + enc(anyName)),
                new Read("page program switcher, last page", "staff",
                        i -> webui + "/programs?page=" + ((seed.programs - 1) / 20)),
                new Read("page admin audit by client", "admin", i -> webui + "/admin/audit?client=" + client.apply(i)));

        Map<String, HttpClient> pages = new LinkedHashMap<>();
        for (String user : List.of("staff", "officer", "admin")) {
            pages.put(user, signIn(webui, user));
        }
        List<String> out = new ArrayList<>();
        for (String pass : List.of("as shipped", "force_generic_plan")) {
            if (pass.equals("force_generic_plan")) {
                try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "");
                        Statement s = db.createStatement()) {
                    s.execute("ALTER DATABASE \"" + db.getCatalog() + "\" SET plan_cache_mode = force_generic_plan");
                    // the services' pooled connections reconnect with the setting
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
                }
            }
            System.out.printf("%n== pass: %s (scale %s, %d requests per read, load average %s)%n", pass, scale,
                    requests, load());
            System.out.printf("%-40s %9s %9s %9s %7s%n", "read", "p50 ms", "p99 ms", "max ms", "errors");
            for (Read read : reads) {
                boolean page = read.name().startsWith("page");
                HttpClient http = page ? pages.get(read.user()) : HTTP;
                for (int i = 0; i < 10; i++) {
                    call(http, read, i, page, true);
                }
                double[] ms = new double[requests];
                int errors = 0;
                for (int i = 0; i < requests; i++) {
                    long t = System.nanoTime();
                    if (!call(http, read, i, page, false)) {
                        errors++;
                    }
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(ms);
                double p50 = ms[(int) Math.floor(0.50 * (requests - 1))];
                double p99 = ms[(int) Math.ceil(0.99 * (requests - 1))];
                System.out.printf(Locale.ROOT, "%-40s %9.1f %9.1f %9.1f %7d%n", read.name(), p50, p99,
                        ms[requests - 1], errors);
                out.add(String.join("\t", String.valueOf(scale), pass, read.name(), fmt(p50), fmt(p99),
                        fmt(ms[requests - 1]), String.valueOf(errors), load()));
            }
        }
        try (Connection db = DriverManager.getConnection(dbUrl, "postgres", "");
                Statement s = db.createStatement()) {
            s.execute("ALTER DATABASE \"" + db.getCatalog() + "\" RESET plan_cache_mode");
        }
        System.out.printf("load average at the end: %s%n", load());
        String file = System.getProperty("reads.out");
        if (file != null) {
            Files.write(Path.of(file), out, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return seed.programs;
    }

    private static boolean call(HttpClient http, Read read, int i, boolean page, boolean warmUp)
            throws InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(read.url().apply(i))).timeout(Duration.ofSeconds(60))
                .GET();
        if (!page) {
            b.header("Authorization", basic(read.user()));
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                if (!warmUp) {
                    System.out.printf("  %s -> %d %s%n", read.url().apply(i), r.statusCode(),
                            new String(r.body(), StandardCharsets.UTF_8).lines().limit(3).toList());
                }
                return false;
            }
            return true;
        } catch (IOException e) {
            if (!warmUp) {
                System.out.printf("  %s -> %s%n", read.url().apply(i), e);
            }
            return false;
        }
    }

    /** The front door's form sign-in (with its CSRF token); the session cookie stays in the returned client. */
    private static HttpClient signIn(String webui, String user) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String form = http.send(HttpRequest.newBuilder(URI.create(webui + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form);
        String csrf = m.find() ? m.group(1) : "";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(webui + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=iop-" + user + "&_csrf="
                        + enc(csrf)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = r.headers().firstValue("Location").orElse("");
        if (r.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in of " + user + " failed: " + r.statusCode() + " " + location);
        }
        return http;
    }

    private static String webuiSchema(Connection db) throws SQLException {
        try (Statement s = db.createStatement(); var rs = s.executeQuery(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'my_program' LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":iop-" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private ReadsBenchmark() {
    }
}
