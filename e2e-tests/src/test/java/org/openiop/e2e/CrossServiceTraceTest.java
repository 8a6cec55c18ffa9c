package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openiop.attendance.AttendanceApplication;
import org.openiop.notification.NotificationApplication;
import org.openiop.scheduling.SchedulingApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * One booking is one trace: the scheduling request, the attendance consumer and the notification consumer carry the
 * same trace id, although the event went through the scheduling outbox (trace context kept in its row) and Kafka
 * (W3C {@code traceparent} header) before each service picked it up.
 */
@ExtendWith(PlatformExtension.class)
class CrossServiceTraceTest {

    private static final Logger log = LoggerFactory.getLogger(CrossServiceTraceTest.class);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    @Test
    void aBookingsRequestAndBothConsumersShareOneTraceId() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        LocalDate today = LocalDate.now(CHICAGO);
        String programId = (String) admin.post("/api/programs", Map.of("name", "Lakeside program",
                "timeZone", CHICAGO.getId(), "locationLabel", "Lakeside Center", "phone", "+13125550100")).get("id");
        String clientId = (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", "Sam Lee", "dateOfBirth", "1985-01-02",
                "admissionDate", today.minusDays(3).toString())).get("clientId");
        String sessionId = (String) staff.post("/api/programs/" + programId + "/sessions", Map.of(
                "type", "GROUP", "date", today.plusDays(4).toString(), "block", "MORNING", "capacity", 8)).get("id");

        // The caller starts the trace (as a front door or a browser's instrumentation would) so this test can tell
        // its booking's spans from the other tests' on the shared platform.
        String traceId = randomHex(32);
        String callerSpanId = randomHex(16);
        Map<String, Object> booking = RestClient.builder().baseUrl(platform.scheduling)
                .defaultHeaders(h -> h.setBasicAuth("staff", "iop-staff")).build()
                .post().uri("/api/sessions/" + sessionId + "/bookings")
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("clientId", clientId)).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(booking).containsKey("id");

        CapturedSpans scheduling = platform.bean(SchedulingApplication.class, CapturedSpans.class);
        CapturedSpans attendance = platform.bean(AttendanceApplication.class, CapturedSpans.class);
        CapturedSpans notification = platform.bean(NotificationApplication.class, CapturedSpans.class);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(scheduling.ofTrace(traceId)).anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
                assertThat(span.getParentSpanId()).isEqualTo(callerSpanId);
                assertThat(span.getName()).containsIgnoringCase("post");
            });
            // Each consumer span hangs under a span of the scheduling request: one connected tree, no gap.
            Set<String> schedulingSpans = scheduling.ofTrace(traceId).stream().map(SpanData::getSpanId)
                    .collect(Collectors.toSet());
            assertThat(attendance.ofTrace(traceId)).anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                assertThat(schedulingSpans).contains(span.getParentSpanId());
            });
            assertThat(notification.ofTrace(traceId)).anySatisfy(span -> {
                assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                assertThat(schedulingSpans).contains(span.getParentSpanId());
            });
        });
        describe("scheduling", scheduling.ofTrace(traceId));
        describe("attendance", attendance.ofTrace(traceId));
        describe("notification", notification.ofTrace(traceId));
    }

    private static void describe(String service, List<SpanData> spans) {
        spans.forEach(s -> log.info("trace {} {} span {} kind {} parent {} name '{}'", s.getTraceId(), service,
                s.getSpanId(), s.getKind(), s.getParentSpanId(), s.getName()));
    }

    private static String randomHex(int length) {
        StringBuilder hex = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (hex.length() < length) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
