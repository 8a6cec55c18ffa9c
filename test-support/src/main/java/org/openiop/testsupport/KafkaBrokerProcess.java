package org.openiop.testsupport;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.Uuid;

/**
 * A real single-node KRaft broker in its own JVM process, for tests that must kill it (-9) and start it again on the
 * same port with the same data: the broker-outage tests. Built from the Kafka jars on the test classpath.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final Path config;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port, Path config) {
        this.directory = directory;
        this.port = port;
        this.config = config;
    }

    public static KafkaBrokerProcess start() {
        try {
            Path directory = Files.createTempDirectory("kafka-broker-");
            int port = freePort();
            int controllerPort = freePort();
            Path config = directory.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "log.dirs=" + directory.resolve("data"),
                    "num.partitions=1",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=false", ""));
            run(directory.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()).waitFor();
            KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, port, config);
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Kills the broker like a crash (SIGKILL) and waits until its port is closed. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitPort(false);
    }

    /** Starts the broker again on the same port with the same data. */
    public void restart() {
        startProcess();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void startProcess() {
        try {
            process = run(directory.resolve("broker.log"), "kafka.Kafka", config.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            awaitPort(true);
        } catch (RuntimeException e) {
            process.destroyForcibly(); // not left running on its own when the caller gives up
            throw e;
        }
    }

    private void awaitPort(boolean open) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180)); // a loaded machine can take minutes
        while (Instant.now().isBefore(deadline)) {
            if (answers() == open) {
                return;
            }
            if (open && !process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited; see " + directory.resolve("broker.log"));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("Kafka broker port " + port + " did not " + (open ? "open" : "close"));
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process run(Path log, String mainClass, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

}
