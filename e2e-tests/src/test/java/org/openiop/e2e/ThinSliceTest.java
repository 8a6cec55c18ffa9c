package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
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

/**
 * The foundation's thin slice, across the three real services, a real broker and a real database: staff create a
 * program, enrol a client and book a session; the SessionScheduled event reaches attendance (expected session) and
 * notification (planned reminders); staff record attendance; the SessionAttended event reaches the compliance
 * projection, where the officer reads the client's weekly attended minutes.
 */
@ExtendWith(PlatformExtension.class)
class ThinSliceTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    @Test
    void aBookedAndAttendedSessionShowsUpInTheClientsWeeklyMinutes() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staffScheduling = new Api(platform.scheduling, "staff", "iop-staff");
        Api staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        Api staffNotification = new Api(platform.notification, "staff", "iop-staff");
        Api officer = new Api(platform.attendance, "officer", "iop-officer");

        LocalDate today = LocalDate.now(NEW_YORK);
        LocalDate sessionDay = today.plusDays(2);
        String programId = (String) admin.post("/api/programs", Map.of(
                "name", "Riverside evening program", "timeZone", NEW_YORK.getId(),
                "locationLabel", "Riverside Center, 2nd floor", "phone", "+12125550100")).get("id");
        String clientId = (String) staffScheduling.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", "Jordan Rivera", "dateOfBirth", "1990-04-02",
                "admissionDate", today.minusDays(10).toString())).get("clientId");
        String sessionId = (String) staffScheduling.post("/api/programs/" + programId + "/sessions", Map.of(
                "type", "GROUP", "date", sessionDay.toString(), "block", "MORNING", "capacity", 8)).get("id");
        String bookingId = (String) staffScheduling.post("/api/sessions/" + sessionId + "/bookings",
                Map.of("clientId", clientId)).get("id");

        // SessionScheduled -> notification plans the reminders for this booking.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                staffNotification.getList("/api/bookings/" + bookingId + "/reminders")).isNotEmpty());

        // SessionScheduled -> attendance expects the session: recording attendance is accepted.
        ZonedDateTime start = ZonedDateTime.of(sessionDay, LocalTime.of(9, 0), NEW_YORK);
        Map<String, Object> recorded = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(
                () -> staffAttendance.post("/api/bookings/" + bookingId + "/attendance", Map.of(
                        "checkedInAt", start.plusMinutes(15).toInstant().toString(),
                        "checkedOutAt", start.plusHours(3).toInstant().toString())),
                body -> body != null);
        assertThat(((Number) recorded.get("attendedMinutes")).intValue()).isEqualTo(165);

        // SessionAttended -> compliance projection -> the officer's week view.
        LocalDate weekStart = sessionDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> week = officer.get("/api/programs/" + programId + "/compliance/weeks/" + weekStart);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clients = (List<Map<String, Object>>) week.get("clients");
            Map<String, Object> row = clients.stream().filter(c -> clientId.equals(c.get("clientId"))).findFirst()
                    .orElseThrow();
            assertThat(((Number) row.get("attendedMinutes")).intValue()).isEqualTo(165);
            assertThat(((Number) row.get("minimumMinutes")).intValue()).isEqualTo(540);
        });
    }
}
