package org.openiop.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;

import org.openiop.attendance.AttendanceApplication;
import org.openiop.notification.NotificationApplication;
import org.openiop.scheduling.SchedulingApplication;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services and the front door started in this JVM as four separate Spring applications (as
 * e2e-tests' Platform does): one real broker, one database with a schema each, one topic namespace. The front door
 * is wired to the services' random ports, exactly as it is wired to 8081-8083 in a local run. notification-service
 * also runs its local profile, so its SMTP sink catches the emails the messages page lists.
 */
final class FrontDoorPlatform implements AutoCloseable {

    /** Platforms shared by the test classes of this JVM, one per set of attendance properties. */
    private static final Map<List<String>, FrontDoorPlatform> SHARED = new ConcurrentHashMap<>();

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private volatile boolean shared;
    final String namespace = "w" + UUID.randomUUID().toString().substring(0, 8) + ".";
    final String database = TestInfrastructure.newDatabase();
    final String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    final String scheduling;
    final String attendance;
    final String notification;
    final String webUi;

    FrontDoorPlatform() {
        this(List.of(), List.of());
    }

    /** With properties for attendance-service (e.g. a wider recording window for sessions created ahead); the
     * other services ignore keys that are not theirs. */
    FrontDoorPlatform(String... attendanceProperties) {
        this(List.of(attendanceProperties), List.of());
    }

    /**
     * With extra properties for the services (e.g. an OpenID Connect issuer they trust) and for the front door
     * (e.g. its OpenID Connect client registration).
     */
    FrontDoorPlatform(List<String> serviceProperties, List<String> webUiProperties) {
        scheduling = start(SchedulingApplication.class, new String[] { "test" }, serviceProperties);
        List<String> attendanceProperties = new ArrayList<>(serviceProperties);
        attendanceProperties.add("attendance.evidence.scheduling-url=" + scheduling); // names in the exports
        attendance = start(AttendanceApplication.class, new String[] { "test" }, attendanceProperties);
        List<String> notificationProperties = new ArrayList<>(serviceProperties);
        notificationProperties.add("iop.notification.local.smtp-port=" + freePort());
        notification = start(NotificationApplication.class, new String[] { "test", "local" },
                notificationProperties);
        List<String> front = new ArrayList<>(webUiProperties);
        front.addAll(List.of("iop.webui.scheduling-url=" + scheduling, "iop.webui.attendance-url=" + attendance,
                "iop.webui.notification-url=" + notification));
        webUi = start(WebUiApplication.class, new String[] { "test" }, front);
    }

    /**
     * The platform for these attendance properties, started once per test JVM and left running until the JVM exits:
     * starting four Spring applications takes tens of seconds on CI's two cores, so test classes that need nothing
     * of their own share it (each works in programs it creates, under names of its own). {@link #close()} leaves a
     * shared platform running.
     */
    static FrontDoorPlatform shared(String... attendanceProperties) {
        return SHARED.computeIfAbsent(List.of(attendanceProperties), key -> {
            FrontDoorPlatform platform = new FrontDoorPlatform(attendanceProperties);
            platform.shared = true;
            return platform;
        });
    }

    private String start(Class<?> application, String[] profiles, List<String> extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "spring.kafka.bootstrap-servers=" + bootstrap,
                "iop.topic-namespace=" + namespace,
                "spring.main.banner-mode=off",
                // Not closed by a JVM shutdown hook: a shared platform just ends with the test JVM (its database is
                // dropped WITH (FORCE)); closing its Kafka clients while the in-JVM broker stops held the exit 30 s.
                "spring.main.register-shutdown-hook=false",
                // Small pools that shrink when idle: the shared platforms stay up side by side for the whole test
                // JVM, and PostgreSQL's 100 connections are shared with every other test context.
                "spring.datasource.hikari.maximum-pool-size=6", "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.hikari.idle-timeout=30000",
                // No graceful drain at the end of the test: an open live stream would hold each shutdown for 30 s.
                "server.shutdown=immediate"));
        properties.addAll(extraProperties);
        // As command-line arguments: default properties would be merged with (and lose to) the backbone's defaults.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .profiles(profiles)
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        contexts.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    /**
     * Forgets the programs a user chose, as before their first sign-in: a shared platform remembers the choices other
     * test classes made for the same local user.
     */
    void forgetProgramsChosenBy(String username) {
        ConfigurableApplicationContext webUiContext = contexts.get(contexts.size() - 1);
        new org.springframework.jdbc.core.JdbcTemplate(webUiContext.getBean(javax.sql.DataSource.class))
                .update("DELETE FROM my_program WHERE username = ?", username);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (!shared) {
            stop();
        }
    }

    private void stop() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
