package org.openiop.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
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

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
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

    private String start(Class<?> application, String[] profiles, List<String> extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "spring.kafka.bootstrap-servers=" + bootstrap,
                "iop.topic-namespace=" + namespace,
                "spring.main.banner-mode=off",
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
