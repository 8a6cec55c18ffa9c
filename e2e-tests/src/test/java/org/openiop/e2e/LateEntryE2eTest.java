package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Late entry (issue 19) across the real services: a session held three days ago that nobody entered, its booking and
 * its attendance are entered now with a reason; they count in that week like live records and carry their late-entry
 * mark (who, when) in the evidence JSON, CSV, PDF and the FHIR Encounter. Fifteen days back is beyond staff's window
 * (14 days): refused for STAFF, naming the field and the rule, and allowed for ADMIN.
 */
@ExtendWith(PlatformExtension.class)
class LateEntryE2eTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static Platform platform;

    @BeforeAll
    static void start(Platform started) {
        platform = started;
    }

    @Test
    void aSessionBookingAndAttendanceEnteredThreeDaysLateCountInTheirWeekMarkedAsLateEverywhere() throws Exception {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        Api staffAttendance = new Api(platform.attendance, "staff", "iop-staff");
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        LocalDate today = LocalDate.now(NEW_YORK);
        LocalDate day = today.minusDays(3);
        String programName = "Late entry program " + System.nanoTime();
        String programId = program(admin, programName);
        String clientId = enrol(staff, programId, today.minusDays(30));

        Map<String, Object> session = Map.of("type", "GROUP", "date", day.toString(), "block", "MORNING",
                "capacity", 8);
        Reply noReason = call(platform.scheduling, "staff", "iop-staff", "/api/programs/" + programId + "/sessions",
                session);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text()).contains("session-in-past").contains("\"lateEntryReason\"").contains("\"date\"");

        Map<String, Object> created = staff.post("/api/programs/" + programId + "/sessions",
                with(session, "lateEntryReason", "Group held during the scheduling outage"));
        @SuppressWarnings("unchecked")
        Map<String, Object> sessionMark = (Map<String, Object>) created.get("lateEntry");
        assertThat(sessionMark).containsEntry("enteredBy", "staff")
                .containsEntry("reason", "Group held during the scheduling outage");
        String sessionId = (String) created.get("id");

        Reply bookingNoReason = call(platform.scheduling, "staff", "iop-staff", "/api/sessions/" + sessionId
                + "/bookings", Map.of("clientId", clientId));
        assertThat(bookingNoReason.status()).isEqualTo(422);
        assertThat(bookingNoReason.text()).contains("session-in-past").contains("\"lateEntryReason\"");
        String bookingId = (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId",
                clientId, "lateEntryReason", "Client attended; seat was never booked")).get("id");

        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(9, 0), NEW_YORK);
        Map<String, Object> attendance = Map.of("checkedInAt", start.plusMinutes(15).toInstant().toString(),
                "checkedOutAt", start.plusHours(3).toInstant().toString());
        // Once attendance knows the booking, a record without a reason is refused as a late entry without one.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply r = call(platform.attendance, "staff", "iop-staff", "/api/bookings/" + bookingId + "/attendance",
                    attendance);
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            assertThat(r.text()).contains("late-entry-reason-required").contains("\"lateEntryReason\"");
        });
        Map<String, Object> recorded = staffAttendance.post("/api/bookings/" + bookingId + "/attendance",
                with(attendance, "lateEntryReason", "Sign-in sheet entered from paper"));
        assertThat(((Number) recorded.get("attendedMinutes")).intValue()).isEqualTo(165);
        assertThat(recorded.get("lateEntryReason")).isEqualTo("Sign-in sheet entered from paper");

        // Counted in that week, like a live record.
        LocalDate weekStart = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Map<String, Object> week = officer.get("/api/programs/" + programId + "/compliance/weeks/" + weekStart);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clients = (List<Map<String, Object>>) week.get("clients");
            assertThat(clients).anySatisfy(c -> {
                assertThat(c.get("clientId")).isEqualTo(clientId);
                assertThat(((Number) c.get("attendedMinutes")).intValue()).isEqualTo(165);
            });
        });

        String range = "?from=" + weekStart + "&to=" + weekStart.plusDays(6);
        String mark = "LATE ENTRY: session and booking entered late by staff";
        String attendanceMark = "attendance entered late by staff";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            String evidence = call(platform.attendance, "officer", "iop-officer", "/api/clients/" + clientId
                    + "/evidence" + range, null).text();
            assertThat(evidence).contains(mark).contains(attendanceMark).contains("\"countedMinutes\":165");
        });
        ResponseEntity<byte[]> csvDownload = download(platform.attendance, "officer", "iop-officer", "/api/clients/"
                + clientId + "/evidence/csv" + range);
        String csv = new String(csvDownload.getBody(), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).contains(",late_entry,client_name,date_of_birth,track,"
                + "program_name");
        // who it is about, from scheduling as the officer: name, birth date, track, the program's name
        assertThat(csv.lines().skip(1).findFirst().orElseThrow()).startsWith("CLIENT," + clientId)
                .contains("Jordan Rivera,1990-04-02,ADULT");
        assertThat(csv.lines().filter(l -> l.startsWith("SESSION,") && l.contains(bookingId)))
                .singleElement().satisfies(line -> assertThat(line).contains(mark).contains(attendanceMark)
                        .contains("Sign-in sheet entered from paper").contains(programName));
        // the file name: the program's name, the range and a short client reference, never the client's name
        String slug = programName.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        assertThat(csvDownload.getHeaders().getContentDisposition().getFilename()).isEqualTo("evidence-" + slug
                + "-" + weekStart + "-to-" + weekStart.plusDays(6) + "-client-" + clientId.substring(0, 8) + ".csv");
        ResponseEntity<byte[]> pdfDownload = download(platform.attendance, "officer", "iop-officer", "/api/clients/"
                + clientId + "/evidence/pdf" + range);
        assertThat(pdfDownload.getHeaders().getContentDisposition().getFilename()).endsWith(".pdf")
                .startsWith("evidence-" + slug).doesNotContain("Jordan").doesNotContain("Rivera");
        try (PDDocument pdf = Loader.loadPDF(pdfDownload.getBody())) {
            List<List<List<PdfTables.Cell>>> tables = PdfTables.read(pdf);
            assertThat(tables).anySatisfy(t -> {
                assertThat(t.get(0).get(0).text()).isEqualTo("Client");
                assertThat(t.get(1)).extracting(PdfTables.Cell::text).containsExactly("Jordan Rivera", "1990-04-02",
                        "ADULT", clientId, programName);
            });
            assertThat(tables).anySatisfy(t -> {
                assertThat(t.get(0).get(0).text()).isEqualTo("Scheduled");
                assertThat(t.get(1).get(7).text()).contains(mark).contains(attendanceMark);
            });
            assertThat(new PDFTextStripper().getText(pdf)).contains("Program " + programName);
        }
        String encounter = call(platform.attendance, "staff", "iop-staff", "/api/fhir/r4/Encounter/" + bookingId,
                null).text().replaceAll("\\s", "");
        assertThat(encounter).contains("urn:openiop:fhir:StructureDefinition:late-entry")
                .contains("\"valueCode\":\"session\"").contains("\"valueCode\":\"booking\"")
                .contains("\"valueCode\":\"attendance\"").contains("\"valueString\":\"staff\"");
    }

    @Test
    void fifteenDaysLateIsRefusedForStaffAndAllowedForAnAdministrator() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        Api adminAttendance = new Api(platform.attendance, "admin", "iop-admin");
        LocalDate today = LocalDate.now(NEW_YORK);
        LocalDate day = today.minusDays(15);
        String programId = program(admin);
        String clientId = enrol(staff, programId, today.minusDays(30));
        Map<String, Object> session = Map.of("type", "GROUP", "date", day.toString(), "block", "MORNING",
                "capacity", 8, "lateEntryReason", "Held during the outage");

        Reply byStaff = call(platform.scheduling, "staff", "iop-staff", "/api/programs/" + programId + "/sessions",
                session);
        assertThat(byStaff.status()).isEqualTo(422);
        assertThat(byStaff.text()).contains("late-entry-window-passed").contains("\"date\"").contains("14 days");
        assertThat(staff.get("/api/programs/" + programId + "/sessions?from=" + day + "&to=" + day).get("items"))
                .asList().isEmpty();

        String sessionId = (String) admin.post("/api/programs/" + programId + "/sessions", session).get("id");
        Reply staffBooking = call(platform.scheduling, "staff", "iop-staff", "/api/sessions/" + sessionId
                + "/bookings", Map.of("clientId", clientId, "lateEntryReason", "Seat never booked"));
        assertThat(staffBooking.status()).isEqualTo(422);
        assertThat(staffBooking.text()).contains("late-entry-window-passed").contains("\"sessionId\"");
        String bookingId = (String) admin.post("/api/sessions/" + sessionId + "/bookings",
                Map.of("clientId", clientId, "lateEntryReason", "Seat never booked")).get("id");

        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(9, 0), NEW_YORK);
        Map<String, Object> attendance = Map.of("checkedInAt", start.toInstant().toString(),
                "checkedOutAt", start.plusHours(3).toInstant().toString(), "lateEntryReason", "From paper");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Reply r = call(platform.attendance, "staff", "iop-staff", "/api/bookings/" + bookingId + "/attendance",
                    attendance);
            assertThat(r.status()).as(r.text()).isEqualTo(422);
            assertThat(r.text()).contains("late-entry-window-passed").contains("\"bookingId\"");
        });
        Map<String, Object> recorded = adminAttendance.post("/api/bookings/" + bookingId + "/attendance",
                attendance);
        assertThat(((Number) recorded.get("attendedMinutes")).intValue()).isEqualTo(180);
        assertThat(recorded.get("recordedBy")).isEqualTo("admin");
    }

    private static String program(Api admin) {
        return program(admin, "Late entry program " + System.nanoTime());
    }

    private static String program(Api admin, String name) {
        return (String) admin.post("/api/programs", Map.of("name", name,
                "timeZone", NEW_YORK.getId(), "locationLabel", "Riverside Center", "phone", "+12125550100"))
                .get("id");
    }

    private static String enrol(Api staff, String programId, LocalDate admission) {
        return (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of("displayName",
                "Jordan Rivera", "dateOfBirth", "1990-04-02", "admissionDate", admission.toString())).get("clientId");
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    private record Reply(int status, String text) {
    }

    /** Any request, whatever its status: the status and the body as text. */
    private static Reply call(String base, String user, String password, String path, Object body) {
        RestClient client = RestClient.builder().baseUrl(base).defaultHeaders(h -> h.setBasicAuth(user, password))
                .build();
        RestClient.RequestHeadersSpec<?> request = body == null ? client.get().uri(path)
                : client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body);
        return request.exchange((req, response) -> new Reply(response.getStatusCode().value(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static ResponseEntity<byte[]> download(String base, String user, String password, String path) {
        return RestClient.builder().baseUrl(base).defaultHeaders(h -> h.setBasicAuth(user, password)).build().get()
                .uri(path).retrieve().toEntity(byte[].class);
    }
}
