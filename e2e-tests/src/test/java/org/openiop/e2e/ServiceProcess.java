package org.openiop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openiop.testsupport.TestInfrastructure;

/**
 * One more instance of a service, in its own JVM, joined to a {@link Platform}'s database, broker and topic namespace
 * (so it shares the consumer groups of the platform's instance): the instance a scale-out test can kill -9 mid-stream.
 * Its log goes to {@code target/<name>.log}.
 */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, Class<?> application, Platform platform, String... extraProperties) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Xshare:off", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), application.getName(),
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + platform.database,
                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "--spring.kafka.bootstrap-servers=" + platform.bootstrap,
                "--iop.topic-namespace=" + platform.namespace,
                "--spring.main.banner-mode=off", "--" + Platform.RECORDING_WINDOW));
        for (String property : extraProperties) {
            command.add("--" + property);
        }
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve(name + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            return new ServiceProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer: no shutdown hook, no offset commit, no graceful leave of the group. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
