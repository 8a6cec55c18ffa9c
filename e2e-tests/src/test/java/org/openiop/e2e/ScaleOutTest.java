package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.AttendanceApplication;
import org.openiop.notification.NotificationApplication;
import org.openiop.testsupport.TestInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Scale-out with a crash: two attendance-service and two notification-service instances (same consumer groups, topics
 * of 4 partitions), one of each in its own JVM. While clients are booked and their attendance recorded, both of those
 * JVMs are killed with SIGKILL. Afterwards every client's weekly minutes equal what was recorded, every booking
 * confirmation reached the SMTP server exactly once, and each consumer applied every event exactly once.
 */
class ScaleOutTest {

    private static final Logger log = LoggerFactory.getLogger(ScaleOutTest.class);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final int CLIENTS = 24;
    /** Attendance is recorded this many clients behind the bookings, so attendance has usually seen the booking. */
    private static final int LAG = 3;
    private static final String VICTIM = "victim";

    @Test
    void killingOneOfTwoInstancesMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        int smtpPort = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String[] shared = {
                "iop.topics.partitions=4",
                // Five services on one PostgreSQL shared with the rest of the build: small pools.
                "spring.datasource.hikari.maximum-pool-size=5", "iop.notification.dispatch.threads=2",
                "spring.mail.host=127.0.0.1", "spring.mail.port=" + smtpPort,
                // A killed member leaves the group after 6 s (the broker's minimum) rather than the default 45 s.
                "spring.kafka.consumer.properties.session.timeout.ms=6000",
                "spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                // A message claimed by the killed instance is taken over after this lease.
                "iop.notification.dispatch.lease=15s" };
        // The second instances commit offsets only every 3 s, so when they die they have applied records whose
        // offsets were never committed: the survivors get them again and must not apply them twice.
        String[] victim = Stream.concat(Arrays.stream(shared), Stream.of("spring.kafka.consumer.client-id=" + VICTIM,
                "spring.kafka.listener.ack-mode=time", "spring.kafka.listener.ack-time=3s")).toArray(String[]::new);
        Instant began = Instant.now();
        try (Platform platform = new Platform(shared);
                ServiceProcess attendance2 = ServiceProcess.start("scale-out-attendance-2",
                        AttendanceApplication.class, platform, victim);
                ServiceProcess notification2 = ServiceProcess.start("scale-out-notification-2",
                        NotificationApplication.class, platform, victim);
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap))) {
            Api programAdmin = new Api(platform.scheduling, "admin", "iop-admin");
            Api scheduling = new Api(platform.scheduling, "staff", "iop-staff");
            Api attendance = new Api(platform.attendance, "staff", "iop-staff");
            Api officer = new Api(platform.attendance, "officer", "iop-officer");
            Api notificationAdmin = new Api(platform.notification, "admin", "iop-admin");
            Api notification = new Api(platform.notification, "staff", "iop-staff");

            // While the second instances start: a program whose only message is one confirmation per booking, by email.
            LocalDate today = LocalDate.now(NEW_YORK);
            LocalDate monday = today.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            String programId = (String) programAdmin.post("/api/programs", Map.of("name", "Harbor program",
                    "timeZone", NEW_YORK.getId(), "locationLabel", "Harbor Center", "phone", "+12125550199")).get("id");
            notificationAdmin.put("/api/programs/" + programId + "/notification-settings", Map.of(
                    "reminderOffsets", List.of("P14D"), "channels", List.of("EMAIL"), "staffAlertEmails", List.of(),
                    "officerEmails", List.of(), "complianceAlertMode", "IMMEDIATE", "digestTime", "07:00"));
            List<String> sessions = new ArrayList<>();
            for (LocalDate day : List.of(monday, monday.plusDays(1))) {
                sessions.add((String) scheduling.post("/api/programs/" + programId + "/sessions", Map.of("type",
                        "GROUP", "date", day.toString(), "block", "MORNING", "capacity", CLIENTS)).get("id"));
            }
            List<String> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String clientId = (String) scheduling.post("/api/programs/" + programId + "/enrolments", Map.of(
                        "displayName", "Client " + i, "dateOfBirth", "1990-01-01",
                        "admissionDate", today.minusDays(10).toString())).get("clientId");
                notification.put("/api/clients/" + clientId + "/contact", Map.of("email", address(i),
                        "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true), "language", "en"));
                clients.add(clientId);
            }
            List<String> groups = List.of(platform.namespace + "attendance-service",
                    platform.namespace + "attendance-service.compliance", platform.namespace + "notification-service");
            await("the second instances own partitions").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        assertThat(attendance2.isAlive() && notification2.isAlive()).as("second instances run")
                                .isTrue();
                        return victimsOwnPartitions(admin, groups);
                    });
            log.info("Second instances own partitions after {} s: {}", secondsSince(began), assignments(admin, groups));
            assertThat(admin.describeTopics(List.of(platform.namespace + "iop.sessions.v1")).allTopicNames().get()
                    .get(platform.namespace + "iop.sessions.v1").partitions()).hasSize(4);

            // The stream: book client i into both sessions, record client i-LAG's attendance; kill both halfway.
            Map<String, Integer> expectedMinutes = new TreeMap<>();
            List<List<String>> bookings = new ArrayList<>();
            Instant killedAt = null;
            for (int i = 0; i < CLIENTS + LAG; i++) {
                if (i < CLIENTS) {
                    List<String> ids = new ArrayList<>();
                    for (String session : sessions) {
                        ids.add((String) scheduling.post("/api/sessions/" + session + "/bookings",
                                Map.of("clientId", clients.get(i))).get("id"));
                    }
                    bookings.add(ids);
                }
                int j = i - LAG;
                if (j >= 0) {
                    for (int s = 0; s < sessions.size(); s++) {
                        ZonedDateTime start = ZonedDateTime.of(monday.plusDays(s), LocalTime.of(9, 0), NEW_YORK);
                        int minutes = record(attendance, bookings.get(j).get(s), start.plusMinutes(5L * (j % 7)),
                                start.plusHours(3).minusMinutes(10L * (j % 3)));
                        expectedMinutes.merge(clients.get(j), minutes, Integer::sum);
                    }
                }
                // Kill from halfway on, at the first moment the second instances hold records they have not
                // committed yet (the survivors must take those over), and at three quarters at the latest.
                if (killedAt == null && i >= CLIENTS / 2) {
                    long inHand = uncommittedOfVictims(admin, groups);
                    if (inHand > 0 || i >= 3 * CLIENTS / 4) {
                        attendance2.kill();
                        notification2.kill();
                        killedAt = Instant.now();
                        log.info("Killed (SIGKILL) the second attendance and notification instances after {} "
                                + "bookings and {} attendance records, with {} records on their partitions not "
                                + "committed yet", 2 * Math.min(i + 1, CLIENTS), 2 * Math.max(0, j + 1), inHand);
                    }
                }
            }

            // 1. Compliance: every client's weekly minutes are exactly what was recorded.
            await("weekly minutes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().untilAsserted(() -> assertThat(weeklyMinutes(officer, programId, monday))
                            .isEqualTo(expectedMinutes));

            // 2. Notifications: one confirmation per booking reached the SMTP server, none twice.
            await("confirmations sent").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(deliveries(platform))
                            .containsEntry("CONFIRMATION EMAIL SENT", (long) 2 * CLIENTS)
                            .doesNotContainKeys("CONFIRMATION EMAIL PLANNED", "CONFIRMATION EMAIL SENDING"));
            log.info("Delivery log by kind, channel and status: {}", deliveries(platform));
            Map<String, Long> emailsPerAddress = Arrays.stream(smtp.getReceivedMessages())
                    .flatMap(ScaleOutTest::recipients).collect(Collectors.groupingBy(Function.identity(),
                            TreeMap::new, Collectors.counting()));
            Map<String, Long> oncePerBooking = new TreeMap<>();
            for (int i = 0; i < CLIENTS; i++) {
                oncePerBooking.put(address(i), 2L);
            }
            assertThat(emailsPerAddress).isEqualTo(oncePerBooking);

            // 3. Inbox: each consumer applied every event of its topics exactly once (no gap, no second time).
            long schedulingEvents = count(platform, "SELECT count(*) FROM scheduling.outbox");
            long sessionAndProgramEvents = count(platform, "SELECT count(*) FROM scheduling.outbox WHERE topic LIKE "
                    + "'%iop.sessions.v1' OR topic LIKE '%iop.programs.v1'");
            long attendanceEvents = count(platform, "SELECT count(*) FROM attendance.outbox WHERE topic LIKE "
                    + "'%iop.attendance.v1'");
            assertThat(attendanceEvents).isEqualTo(2L * CLIENTS);
            await("inbox").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(count(platform, "SELECT count(*) FROM attendance.processed_event WHERE consumer = "
                        + "'attendance.compliance'")).isEqualTo(schedulingEvents + attendanceEvents);
                assertThat(count(platform, "SELECT count(*) FROM attendance.processed_event WHERE consumer = "
                        + "'attendance.bookings'")).isEqualTo(sessionAndProgramEvents);
            });
            log.info("Scale-out run: {} clients, {} bookings, {} attendance records, {} emails; killed at +{} s; "
                    + "redelivered events the surviving instances' inboxes skipped: attendance {}, notification {}; "
                    + "whole test {} s", CLIENTS, 2 * CLIENTS, 2 * CLIENTS, smtp.getReceivedMessages().length,
                    killedAt == null ? -1 : Duration.between(began, killedAt).toSeconds(),
                    duplicatesSkipped(platform, AttendanceApplication.class),
                    duplicatesSkipped(platform, NotificationApplication.class), secondsSince(began));
        } finally {
            smtp.stop();
        }
    }

    /** Records attendance, waiting until this attendance instance has seen the booking; returns the minutes. */
    private static int record(Api attendance, String bookingId, ZonedDateTime in, ZonedDateTime out) {
        Map<String, Object> body = Map.of("checkedInAt", in.toInstant().toString(),
                "checkedOutAt", out.toInstant().toString());
        Map<String, Object> recorded = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> attendance.post("/api/bookings/" + bookingId + "/attendance", body), r -> r != null);
        return ((Number) recorded.get("attendedMinutes")).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> weeklyMinutes(Api officer, String programId, LocalDate monday) {
        Map<String, Object> week = officer.get("/api/programs/" + programId + "/compliance/weeks/" + monday);
        Map<String, Integer> minutes = new TreeMap<>();
        for (Map<String, Object> row : (List<Map<String, Object>>) week.get("clients")) {
            minutes.put((String) row.get("clientId"), ((Number) row.get("attendedMinutes")).intValue());
        }
        return minutes;
    }

    /** True when, in every group, a member of the second instances holds at least one partition. */
    private static boolean victimsOwnPartitions(Admin admin, List<String> groups) throws Exception {
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get();
        return groups.stream().allMatch(g -> described.get(g).members().stream()
                .anyMatch(m -> m.clientId().startsWith(VICTIM) && !m.assignment().topicPartitions().isEmpty()));
    }

    private static long duplicatesSkipped(Platform platform, Class<?> application) {
        return (long) platform.bean(application, MeterRegistry.class).find("iop.consumer.duplicates").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    /** Records on the second instances' partitions beyond their group's committed offsets. */
    private static long uncommittedOfVictims(Admin admin, List<String> groups) throws Exception {
        long total = 0;
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            List<TopicPartition> held = group.members().stream().filter(m -> m.clientId().startsWith(VICTIM))
                    .flatMap(m -> m.assignment().topicPartitions().stream()).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = held.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get()
                    .entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                total += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
        }
        return total;
    }

    private static Map<String, List<String>> assignments(Admin admin, List<String> groups) throws Exception {
        Map<String, List<String>> result = new HashMap<>();
        for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
            List<String> members = new ArrayList<>();
            for (MemberDescription m : group.members()) {
                members.add(m.clientId() + "=" + m.assignment().topicPartitions().size() + " partitions");
            }
            result.put(group.groupId(), members);
        }
        return result;
    }

    private static Map<String, Long> deliveries(Platform platform) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(platform.database, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT kind || ' ' || channel || ' ' || status, count(*) "
                        + "FROM notification.delivery GROUP BY 1")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    private static long count(Platform platform, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(platform.database, TestInfrastructure.postgresUser(),
                TestInfrastructure.postgresPassword()); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Stream<String> recipients(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return to == null ? Stream.empty() : Arrays.stream(to).map(Address::toString);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String address(int client) {
        return "client-" + client + "@scale-out.test";
    }

    private static long secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toSeconds();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
