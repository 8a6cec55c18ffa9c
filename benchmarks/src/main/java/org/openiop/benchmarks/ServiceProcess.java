package org.openiop.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A service run as it is deployed: its own JVM from the boot jar Maven built ({@code <module>/target/*-exec.jar},
 * extracted as {@code java -Djarmode=tools} does), with {@code deploy/jvm/service.options}, the class-data-sharing
 * archive {@code deploy/local/start} makes (one training start that exits after the context refresh, then
 * {@code -XX:SharedArchiveFile}) and {@code MALLOC_ARENA_MAX=2}, so the benchmark's driver, sinks and broker are not in
 * its resident memory. Measures start-up to healthy and samples the process's RSS and threads from {@code /proc}.
 *
 * <p>Environment: {@code BENCH_SERVICE_OPTS} extra JVM options for the service (e.g.
 * {@code -XX:NativeMemoryTracking=summary}); {@code BENCH_CDS=0} runs without the archive.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final long launched = System.nanoTime();
    private volatile double healthySeconds = -1;
    private volatile long rssAtHealthyKiB;
    private volatile long peakRssKiB;
    private volatile int peakThreads;
    private final Thread sampler;
    private final boolean cds;
    private final List<String> jvm;

    private ServiceProcess(String name, Process process, int port, Path log, boolean cds, List<String> jvm) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.cds = cds;
        this.jvm = jvm;
        this.sampler = new Thread(this::sample, name + "-rss-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    /**
     * Starts {@code <module>} (e.g. {@code notification-service}) on a free port with the given Spring arguments and
     * waits until {@code /actuator/health} answers UP.
     */
    public static ServiceProcess start(String module, List<String> springArgs) throws IOException, InterruptedException {
        Path jar = Path.of(module, "target", module + "-0.1.0-SNAPSHOT-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + ": build it first (the run-* script does)");
        }
        List<String> options = new ArrayList<>(Arrays.asList(
                Files.readString(Path.of("deploy", "jvm", "service.options")).trim().split("\\s+")));
        String extra = System.getenv("BENCH_SERVICE_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        boolean cds = !"0".equals(System.getenv("BENCH_CDS"));
        Path dir = Path.of("benchmarks", "target", "services", module);
        Path runnable = extract(jar, dir);
        int port = freePort();
        List<String> args = new ArrayList<>(springArgs);
        args.add("--server.port=" + port);
        if (cds) {
            Path archive = dir.resolve("app.jsa");
            if (!Files.isRegularFile(archive)) {
                train(module, runnable, archive, options, args, dir);
            }
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-jar");
        command.add(runnable.toString());
        command.addAll(args);
        Path log = dir.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        ServiceProcess service = new ServiceProcess(module, builder.start(), port, log, cds, options);
        service.awaitHealthy();
        return service;
    }

    /** The boot jar extracted (application jar + lib/): the JDK archives classes from plain jars only. */
    private static Path extract(Path jar, Path dir) throws IOException, InterruptedException {
        Path runnable = dir.resolve("app").resolve(jar.getFileName());
        if (Files.isRegularFile(runnable) && Files.getLastModifiedTime(runnable).compareTo(
                Files.getLastModifiedTime(jar)) >= 0) {
            return runnable;
        }
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                if (p.getFileName().toString().equals("app.jsa")) {
                    Files.delete(p); // made from the previous jar
                }
            }
        }
        run(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--force", "--destination",
                dir.resolve("app").toString()), dir.resolve("extract.log"));
        return runnable;
    }

    /** The training start: the context refreshes (every bean made, classes loaded), then the JVM exits and dumps. */
    private static void train(String module, Path runnable, Path archive, List<String> options, List<String> args,
            Path dir) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Dspring.context.exit=onRefresh");
        command.add("-jar");
        command.add(runnable.toString());
        command.addAll(args);
        run(command, dir.resolve("cds-training.log"));
        System.out.printf("   %s: class-data-sharing archive made by a training start in %.1f s (%d MiB)%n", module,
                (System.nanoTime() - t0) / 1e9, Files.size(archive) >> 20);
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process p = builder.start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", command) + "; see " + log);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                .timeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": see " + log);
            }
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
                    healthySeconds = (System.nanoTime() - launched) / 1e9;
                    rssAtHealthyKiB = status("VmRSS");
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " not healthy after 5 minutes: see " + log);
    }

    private void sample() {
        while (process.isAlive()) {
            long rss = status("VmRSS");
            peakRssKiB = Math.max(peakRssKiB, rss);
            peakThreads = Math.max(peakThreads, (int) status("Threads"));
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A numeric field of {@code /proc/<pid>/status} (kB for memory fields), -1 when unreadable. */
    public long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | UncheckedIOException | NumberFormatException e) {
            // process gone
        }
        return -1;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public long pid() {
        return process.pid();
    }

    /** One line: start-up to healthy, RSS then, peak RSS (the kernel's high-water mark) and threads. */
    public String summary() {
        long hwm = status("VmHWM");
        return String.format("%s in its own JVM (%s%s): healthy %.1f s after launch (RSS then %d MiB); "
                + "peak RSS %d MiB (VmHWM %d MiB); peak threads %d", name, cds ? "CDS archive, " : "no CDS archive, ",
                "deploy/jvm/service.options" + (jvm.stream().anyMatch(o -> o.contains("NativeMemoryTracking"))
                        ? " + NMT" : ""),
                healthySeconds, rssAtHealthyKiB >> 10, Math.max(peakRssKiB, hwm) >> 10, hwm >> 10, peakThreads);
    }

    public double healthySeconds() {
        return healthySeconds;
    }

    public long peakRssMiB() {
        return Math.max(peakRssKiB, status("VmHWM")) >> 10;
    }

    /** {@code jcmd <pid> <command>}'s output (e.g. {@code VM.native_memory summary}), or why not. */
    public String jcmd(String... command) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(process.pid())));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Threads by name with the numbers taken out ("http-nio-#-exec-#" x 10), from {@code jcmd Thread.print}. */
    public String threadCensus() {
        Map<String, Integer> names = new TreeMap<>();
        for (String line : jcmd("Thread.print").split("\n")) {
            if (line.startsWith("\"")) {
                String n = line.substring(1, line.indexOf('"', 1)).replaceAll("\\d+", "#");
                names.merge(n, 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder();
        names.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sb.append(sb.length() == 0 ? "" : ", ").append(e.getKey()).append(" x")
                        .append(e.getValue()));
        return sb.toString();
    }

    /** The committed lines of NMT's summary (when the service runs with -XX:NativeMemoryTracking), else empty. */
    public String nativeMemory() {
        if (jvm.stream().noneMatch(o -> o.startsWith("-XX:NativeMemoryTracking"))) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String line : jcmd("VM.native_memory", "summary", "scale=MB").split("\n")) {
            String l = line.strip();
            if (l.startsWith("Total:") || (l.startsWith("-") && l.contains("committed="))) {
                sb.append("     ").append(l.replaceAll("\\s+", " ")).append('\n');
            }
        }
        return sb.toString();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        sampler.interrupt();
    }

    /** The log file the service writes (kept in benchmarks/target/services/<module>/). */
    public File logFile() {
        return log.toFile();
    }
}
