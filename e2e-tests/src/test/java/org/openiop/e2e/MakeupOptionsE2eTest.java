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
 * Issue 17's make-up slice across the running services: attendance says the week is AT_RISK (360 of 540 attended,
 * nothing left), scheduling lists the sessions that reach 540 from those figures, staff book one, and the compliance
 * projection turns the week ON_TRACK.
 */
@ExtendWith(PlatformExtension.class)
class MakeupOptionsE2eTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    @Test
    void anAtRiskAdultWith360AttendedGetsOptionsReaching540AndBookingOneTurnsTheWeekOnTrack() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api scheduling = new Api(platform.scheduling, "staff", "iop-staff");
        Api attendance = new Api(platform.attendance, "staff", "iop-staff");
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        Api officerScheduling = new Api(platform.scheduling, "officer", "iop-officer");

        // next week: its Monday is at most 8 days ahead, inside the recording window the platform widens for
        // attendance recorded at once; Wednesday and Thursday are still ahead for the make-up
        LocalDate monday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        String program = (String) admin.post("/api/programs", Map.of("name", "Make-up program",
                "timeZone", NEW_YORK.getId(), "locationLabel", "Riverside Center", "phone", "+12125550100")).get("id");
        String client = (String) scheduling.post("/api/programs/" + program + "/enrolments", Map.of(
                "displayName", "Sam Doe", "dateOfBirth", "1985-01-01",
                "admissionDate", monday.minusWeeks(2).toString())).get("clientId");
        String mondayMorning = session(scheduling, program, monday, "MORNING");
        String mondayEvening = session(scheduling, program, monday, "EVENING");
        String wednesday = session(scheduling, program, monday.plusDays(2), "MORNING");
        String thursday = session(scheduling, program, monday.plusDays(3), "EVENING");

        attend(scheduling, attendance, mondayMorning, client, monday, 9);
        attend(scheduling, attendance, mondayEvening, client, monday, 18);
        Map<String, Object> atRisk = awaitStatus(officer, program, monday, client, "AT_RISK");
        assertThat(((Number) atRisk.get("attendedMinutes")).intValue()).isEqualTo(360);
        assertThat(((Number) atRisk.get("scheduledRemainingMinutes")).intValue()).isZero();

        Map<String, Object> reply = officerScheduling.get("/api/clients/" + client + "/makeup-options?week=" + monday
                + "&attendedMinutes=" + atRisk.get("attendedMinutes")
                + "&scheduledMinutes=" + atRisk.get("scheduledRemainingMinutes"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> options = (List<Map<String, Object>>) reply.get("options");
        assertThat(options).extracting(o -> firstSession(o)).containsExactly(wednesday, thursday);
        assertThat(options).allSatisfy(o -> assertThat(((Number) o.get("weekMinutesAfter")).intValue()).isEqualTo(540));

        scheduling.post("/api/sessions/" + firstSession(options.get(0)) + "/bookings", Map.of("clientId", client));
        Map<String, Object> onTrack = awaitStatus(officer, program, monday, client, "ON_TRACK");
        assertThat(((Number) onTrack.get("scheduledRemainingMinutes")).intValue()).isEqualTo(180);
    }

    private static String session(Api staff, String program, LocalDate day, String block) {
        return (String) staff.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", day.toString(), "block", block, "capacity", 8)).get("id");
    }

    private static void attend(Api scheduling, Api attendance, String session, String client, LocalDate day, int hour) {
        String booking = (String) scheduling.post("/api/sessions/" + session + "/bookings", Map.of("clientId", client))
                .get("id");
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(hour, 0), NEW_YORK);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> attendance.post(
                "/api/bookings/" + booking + "/attendance", Map.of("checkedInAt", start.toInstant().toString(),
                        "checkedOutAt", start.plusHours(3).toInstant().toString())), body -> body != null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitStatus(Api officer, String program, LocalDate weekStart, String client,
            String status) {
        return await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            Map<String, Object> week = officer.get("/api/programs/" + program + "/compliance/weeks/" + weekStart);
            return ((List<Map<String, Object>>) week.get("clients")).stream()
                    .filter(c -> client.equals(c.get("clientId"))).findFirst().orElseThrow();
        }, row -> status.equals(row.get("status")));
    }

    @SuppressWarnings("unchecked")
    private static String firstSession(Map<String, Object> option) {
        return (String) ((List<Map<String, Object>>) option.get("sessions")).get(0).get("sessionId");
    }
}
