package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Text with SQL metacharacters, markup, quotes, backslashes, LIKE wildcards and an emoji is stored and returned
 * verbatim by every service (bound parameters everywhere, no escaping games on the way in).
 */
@ExtendWith(PlatformExtension.class)
class TextFieldsTest {

    private static final String TRICKY = "Ro'bert \"Bobby\" <b>Tables</b>; DROP TABLE booking;-- \\ % _ $1 \u00e9\u00f1 \uD83D\uDE00";

    @Test
    void trickyTextComesBackExactlyAsItWasWritten(Platform platform) {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        Api staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        ZoneId zone = ZoneId.of("America/Denver");
        LocalDate today = LocalDate.now(zone);

        String programId = (String) admin.post("/api/programs", Map.of("name", TRICKY, "timeZone", zone.getId(),
                "locationLabel", TRICKY, "phone", "+17205550100")).get("id");
        assertThat(staff.get("/api/programs/" + programId).toString()).contains("name=" + TRICKY)
                .contains("locationLabel=" + TRICKY);

        String clientId = (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", TRICKY, "dateOfBirth", "1985-06-01", "admissionDate", today.toString())).get("clientId");
        assertThat(staff.get("/api/clients/" + clientId).toString()).contains("displayName=" + TRICKY);

        String clinicianId = (String) staff.post("/api/programs/" + programId + "/clinicians",
                Map.of("displayName", TRICKY)).get("id");
        assertThat(staff.get("/api/clinicians/" + clinicianId).toString()).contains("displayName=" + TRICKY);
        String roomId = (String) staff.post("/api/programs/" + programId + "/rooms",
                Map.of("name", TRICKY, "capacity", 10)).get("id");
        assertThat(staff.get("/api/rooms/" + roomId).toString()).contains("name=" + TRICKY);

        String sessionId = (String) staff.post("/api/programs/" + programId + "/sessions", Map.of("type", "GROUP",
                "date", today.plusDays(1).toString(), "block", "EVENING", "topic", TRICKY)).get("id");
        assertThat(staff.get("/api/sessions/" + sessionId).toString()).contains("topic=" + TRICKY);
        String bookingId = (String) staff.post("/api/sessions/" + sessionId + "/bookings",
                Map.of("clientId", clientId)).get("id");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> staffAttendance.post(
                "/api/bookings/" + bookingId + "/absence", Map.of("reason", "EXCUSED", "note", TRICKY)) != null);
        assertThat(staffAttendance.get("/api/bookings/" + bookingId + "/attendance").toString()).contains(TRICKY);
    }
}
