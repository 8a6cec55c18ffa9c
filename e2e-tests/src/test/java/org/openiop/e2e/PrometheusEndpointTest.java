package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * What an operator scrapes: after one booking and one attendance record, each service's {@code /actuator/prometheus}
 * (open, no sign-in) serves the metrics the dashboard and the alert rules in deploy/observability query.
 */
@ExtendWith(PlatformExtension.class)
class PrometheusEndpointTest {

    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    @Test
    void everyServiceExposesTheMetricsTheDashboardAndAlertsUse() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        Api staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        LocalDate sessionDay = LocalDate.now(DENVER).plusDays(3);
        String programId = (String) admin.post("/api/programs", Map.of("name", "Foothills program",
                "timeZone", DENVER.getId(), "locationLabel", "Foothills Center", "phone", "+13035550100")).get("id");
        String clientId = (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", "Alex Kim", "dateOfBirth", "1992-03-04",
                "admissionDate", sessionDay.minusDays(14).toString())).get("clientId");
        String sessionId = (String) staff.post("/api/programs/" + programId + "/sessions", Map.of(
                "type", "GROUP", "date", sessionDay.toString(), "block", "MORNING", "capacity", 8)).get("id");
        String bookingId = (String) staff.post("/api/sessions/" + sessionId + "/bookings",
                Map.of("clientId", clientId)).get("id");
        // The same client in the same session again: refused by a scheduling rule (counted as refused).
        assertThatThrownBy(() -> staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId)))
                .isInstanceOf(HttpClientErrorException.Conflict.class);
        ZonedDateTime start = ZonedDateTime.of(sessionDay, LocalTime.of(9, 0), DENVER);
        await().atMost(Duration.ofSeconds(45)).ignoreExceptions().until(() -> staffAttendance.post(
                "/api/bookings/" + bookingId + "/attendance", Map.of(
                        "checkedInAt", start.toInstant().toString(),
                        "checkedOutAt", start.plusHours(3).toInstant().toString())) != null);
        LocalDate weekStart = sessionDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        await().atMost(Duration.ofSeconds(45)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> week = officer.get("/api/programs/" + programId + "/compliance/weeks/" + weekStart);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clients = (List<Map<String, Object>>) week.get("clients");
            assertThat(clients).anySatisfy(c -> assertThat(c.get("attendedMinutes")).isEqualTo(180));
        });

        // Every service: the outbox, the consumers' dead letters, the Kafka clients (lag per consumer client id).
        List<String> common = List.of("iop_outbox_backlog", "iop_outbox_oldest_age_seconds",
                "iop_outbox_commit_to_ack_seconds", "kafka_producer_record_send_total");
        List<String> consumers = List.of("iop_consumer_dead_letters_total{",
                "kafka_consumer_fetch_manager_records_lag_max{", "client_id=\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scheduling = scrape(platform.scheduling);
            assertThat(scheduling).contains(common);
            assertThat(positive(scheduling, "iop_scheduling_bookings_total{", "outcome=\"booked\"")).isTrue();
            assertThat(positive(scheduling, "iop_scheduling_bookings_total{", "outcome=\"refused\"")).isTrue();

            String attendance = scrape(platform.attendance);
            assertThat(attendance).contains(common).contains(consumers);
            assertThat(positive(attendance, "iop_attendance_compliance_latency_seconds_count", "")).isTrue();

            String notification = scrape(platform.notification);
            assertThat(notification).contains(consumers).contains("iop_outbox_backlog",
                    "iop_outbox_oldest_age_seconds", "iop_notification_sent_total{", "iop_notification_failed_total{",
                    "iop_notification_lateness_seconds{quantile=\"0.99\"}");
        });
    }

    private static String scrape(String baseUrl) {
        return RestClient.create(baseUrl).get().uri("/actuator/prometheus").retrieve().body(String.class);
    }

    /** True when a sample of {@code series} with {@code label} has a value above zero. */
    private static boolean positive(String scrape, String series, String label) {
        return scrape.lines().filter(l -> l.startsWith(series) && l.contains(label))
                .anyMatch(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0);
    }
}
