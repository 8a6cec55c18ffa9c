package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * HIPAA / 42 CFR Part 2: a client with recognisable details goes through the whole slice (enrolment, contact details,
 * booking, reminders, attendance). Then every record on every topic of the platform (values and headers, dead-letter
 * topics included) and every log line written meanwhile are searched: no name, phone number, email address or date
 * of birth may appear anywhere.
 */
@ExtendWith({ OutputCaptureExtension.class, PlatformExtension.class })
class PrivacyScanTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String NAME = "Zebediah Quistlewood";
    private static final String DATE_OF_BIRTH = "1977-03-14";
    private static final String EMAIL = "zeb.quistlewood@example.org";
    private static final String PHONE = "+13125550187";

    @Test
    void noPersonalDetailReachesAnEventOrALogLine(CapturedOutput output, Platform platform) throws Exception {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        Api staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        Api staffNotification = new Api(platform.notification, "staff", "iop-staff");

        LocalDate today = LocalDate.now(CHICAGO);
        String programId = (String) admin.post("/api/programs", Map.of("name", "Lakeside program",
                "timeZone", CHICAGO.getId(), "locationLabel", "Lakeside office", "phone", "+13125550100")).get("id");
        String clientId = (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", NAME, "dateOfBirth", DATE_OF_BIRTH, "admissionDate", today.minusDays(3).toString()))
                .get("clientId");
        staffNotification.put("/api/clients/" + clientId + "/contact", Map.of("email", EMAIL, "phone", PHONE,
                "channels", List.of("EMAIL", "SMS"), "consent", Map.of("EMAIL", true, "SMS", true), "language", "en"));
        LocalDate day = today.plusDays(1);
        String sessionId = (String) staff.post("/api/programs/" + programId + "/sessions", Map.of(
                "type", "INDIVIDUAL", "date", day.toString(), "startTime", "13:00", "endTime", "14:00")).get("id");
        String bookingId = (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId))
                .get("id");
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(13, 0), CHICAGO);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> staffAttendance.post(
                "/api/bookings/" + bookingId + "/attendance", Map.of("checkedInAt", start.toInstant().toString(),
                        "checkedOutAt", start.plusMinutes(50).toInstant().toString())) != null);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                staffNotification.getList("/api/bookings/" + bookingId + "/reminders")).isNotEmpty());
        // The attendance has gone through the compliance projection too (and its events through the relays).
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        LocalDate weekStart = day.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> officer
                .get("/api/programs/" + programId + "/compliance/weeks/" + weekStart).toString()
                .contains("attendedMinutes=50"));

        List<String> records = allRecords(platform);
        assertThat(records).as("records on the platform's topics").hasSizeGreaterThan(5);
        List<String> forbidden = List.of(NAME, "Quistlewood", DATE_OF_BIRTH, EMAIL, PHONE, "3125550187");
        for (String secret : forbidden) {
            assertThat(records).as("events mentioning " + secret).noneMatch(r -> r.contains(secret));
            assertThat(output.getAll()).as("log lines mentioning " + secret).doesNotContain(secret);
        }
    }

    /** Every record (value and headers, as text) on every topic of this platform's namespace, DLTs included. */
    private static List<String> allRecords(Platform platform) throws Exception {
        List<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap))) {
            topics = admin.listTopics().names().get().stream().filter(t -> t.startsWith(platform.namespace)).toList();
        }
        List<String> texts = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "privacy-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(topics);
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3_000) {
                var batch = consumer.poll(Duration.ofMillis(200));
                if (!batch.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                for (ConsumerRecord<byte[], byte[]> record : batch) {
                    StringBuilder text = new StringBuilder(record.topic()).append(' ');
                    if (record.key() != null) {
                        text.append(new String(record.key(), StandardCharsets.UTF_8)).append(' ');
                    }
                    if (record.value() != null) {
                        text.append(new String(record.value(), StandardCharsets.UTF_8)).append(' ');
                    }
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=').append(new String(header.value(), StandardCharsets.UTF_8));
                    }
                    texts.add(text.toString());
                }
            }
        }
        return texts;
    }
}
