package org.openiop.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openiop.attendance.AttendanceApplication;
import org.openiop.notification.NotificationApplication;
import org.openiop.scheduling.SchedulingApplication;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The three services started in this JVM as three separate Spring applications, sharing one real broker, one
 * database (each service in its own schema, as in production) and one topic namespace: they talk only through Kafka.
 */
public final class Platform implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    public final String namespace = "e" + UUID.randomUUID().toString().substring(0, 8) + ".";
    public final String database = TestInfrastructure.newDatabase();
    public final String bootstrap = TestInfrastructure.kafkaBootstrapServers();
    public final String scheduling;
    public final String attendance;
    public final String notification;

    /**
     * Lets these end-to-end flows record attendance for sessions up to 10 days ahead (default: 1 min skew). 10, not 8:
     * ScaleOutTest records next week's Monday and Tuesday, whose Tuesday ends 8.5 days ahead early on a Monday in New
     * York (it failed a CI run at 00:30 on a Monday with "checkedInAt ... is in the future").
     */
    static final String RECORDING_WINDOW = "attendance.recording.clock-skew=10d";

    public Platform(String... extraProperties) {
        this(Map.of(), extraProperties);
    }

    /**
     * @param perService properties for one service only (e.g. the notification service's {@code local} profile with
     *                   its SMTP server and SMS sink); they override the common ones, key by key
     */
    public Platform(Map<Class<?>, List<String>> perService, String... extraProperties) {
        scheduling = start(SchedulingApplication.class, with(extraProperties, perService.get(SchedulingApplication.class)));
        // evidence exports ask scheduling who a client is, as the exporting user (ADR 0012)
        List<String> attendanceOwn = new ArrayList<>(List.of("attendance.evidence.scheduling-url=" + scheduling));
        if (perService.get(AttendanceApplication.class) != null) {
            attendanceOwn.addAll(perService.get(AttendanceApplication.class));
        }
        attendance = start(AttendanceApplication.class, with(extraProperties, attendanceOwn));
        notification = start(NotificationApplication.class,
                with(extraProperties, perService.get(NotificationApplication.class)));
    }

    private static String[] with(String[] common, List<String> own) {
        List<String> all = new ArrayList<>(List.of(common));
        if (own != null) {
            all.addAll(own);
        }
        return all.toArray(String[]::new);
    }

    private String start(Class<?> application, String... extraProperties) {
        List<String> properties = new ArrayList<>(List.of(
                "server.port=0",
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                "spring.kafka.bootstrap-servers=" + bootstrap,
                "iop.topic-namespace=" + namespace,
                "spring.main.banner-mode=off",
                // Sessions can only be created ahead, and these flows record their attendance at once: attendance's
                // recording window is widened here (its own tests hold it to the default, RecordingWindowTest).
                RECORDING_WINDOW));
        properties.addAll(List.of(extraProperties));
        // one value per key, the last given winning (a repeated command-line option would join its values)
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String property : properties) {
            int eq = property.indexOf('=');
            byKey.remove(property.substring(0, eq));
            byKey.put(property.substring(0, eq), property);
        }
        properties = new ArrayList<>(byKey.values());
        // As command-line arguments: the highest precedence, as when a service is started by deploy/local/start.
        // CapturedSpans: each service's spans, kept in memory for the trace test.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application,
                CapturedSpans.Registration.class).profiles("test")
                .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
        contexts.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return "http://127.0.0.1:" + port;
    }

    public <T> T bean(Class<?> application, Class<T> type) {
        return context(application).getBean(type);
    }

    /** The running context of one service, e.g. to list its request mappings. */
    public ConfigurableApplicationContext context(Class<?> application) {
        return contexts.stream().filter(c -> c.getBeanNamesForType(application).length > 0).findFirst()
                .orElseThrow();
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
