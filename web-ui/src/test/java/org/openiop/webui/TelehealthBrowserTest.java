package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.telehealth.ZoomFormat;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.mock.env.MockEnvironment;

import tools.jackson.databind.json.JsonMapper;

/**
 * Telehealth in a real browser against the real services: staff create a telehealth group on the new-session page
 * (and change how it is held on the session's page), book three clients,
 * the video platform's (Zoom-format, signed) participant events fill the roster, and staff match the participant the
 * join tag could not identify; that client's attendance follows at once.
 */
class TelehealthBrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static FrontDoorPlatform platform;
    private static WebDriver browser;
    private static Chromium chromium;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start(new org.openqa.selenium.Dimension(1280, 1100), Duration.ofSeconds(30));
        browser = chromium.browser;
        wait = chromium.wait;
    }

    @AfterAll
    static void stop() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void staffCreateATelehealthGroupTheRosterFillsFromTheVideoPlatformAndStaffMatchTheUnknownParticipant()
            throws Exception {
        // a zone where it is midday now, so today's session can start in an hour and end today
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
        LocalDate today = ZonedDateTime.now(zone).toLocalDate();
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        String programId = (String) admin.post("/api/programs", Map.of("name", "Online evening program",
                "timeZone", zone.getId(), "locationLabel", "Online", "phone", "+12125550100")).get("id");
        Map<String, String> clients = new LinkedHashMap<>();
        for (String name : List.of("Jordan Rivera", "Sam Okafor", "Priya Natarajan")) {
            clients.put(name, (String) admin.post("/api/programs/" + programId + "/enrolments", Map.of("displayName",
                    name, "dateOfBirth", "1990-04-02", "admissionDate", today.minusDays(20).toString()))
                    .get("clientId"));
        }
        LocalTime start = ZonedDateTime.now(zone).toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String meetingLink = "https://us02web.zoom.us/j/85746065432?pwd=x1";

        // staff create the telehealth group on the new-session page: a video session without a link is refused
        // beside the link field, nothing stored; with it, created
        signIn();
        browser.get(platform.webUi + "/staff/programs/" + programId + "/sessions/new");
        setValue("date", today.toString());
        new Select(browser.findElement(By.id("block"))).selectByValue("CUSTOM");
        setValue("startTime", start.toString());
        setValue("endTime", start.plusHours(3).toString());
        WebElement seats = browser.findElement(By.id("capacity"));
        seats.clear();
        seats.sendKeys("8");
        browser.findElement(By.id("modality-TELEHEALTH")).click();
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("joinUrl-error")));
        assertThat(browser.findElement(By.id("joinUrl-error")).getText()).contains("join link");
        assertThat(browser.findElement(By.id("modality-TELEHEALTH")).isSelected()).isTrue();
        PageChecks.checkAndShoot(browser, "staff-new-telehealth-session-errors");
        browser.findElement(By.id("joinUrl")).sendKeys(meetingLink);
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("modality"), "Telehealth"));
        String sessionId = browser.getCurrentUrl().replaceAll(".*/staff/sessions/([0-9a-f-]{36}).*", "$1");
        Map<String, Object> created = staff.get("/api/sessions/" + sessionId);
        assertThat(created.get("modality")).isEqualTo("TELEHEALTH");
        assertThat(staff.get("/api/sessions/" + sessionId + "/join-link").get("joinUrl")).isEqualTo(meetingLink);

        // how it is held can change afterwards: hybrid, then back to video only, the link kept in the form
        browser.findElement(By.id("change-modality")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-modality")));
        assertThat(browser.findElement(By.id("modality-TELEHEALTH")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("joinUrl")).getAttribute("value")).isEqualTo(meetingLink);
        browser.findElement(By.id("modality-HYBRID")).click();
        PageChecks.checkAndShoot(browser, "staff-session-modality");
        browser.findElement(By.id("save-modality")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("modality"), "Hybrid"));
        browser.findElement(By.id("change-modality")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-modality")));
        browser.findElement(By.id("modality-TELEHEALTH")).click();
        browser.findElement(By.id("save-modality")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("modality"), "Telehealth"));
        assertThat(staff.get("/api/sessions/" + sessionId).get("modality")).isEqualTo("TELEHEALTH");

        Map<String, String> bookings = new LinkedHashMap<>();
        clients.forEach((name, clientId) -> bookings.put(name, (String) staff.post("/api/sessions/" + sessionId
                + "/bookings", Map.of("clientId", clientId)).get("id")));
        Api attendanceStaff = new Api(platform.attendance, "staff", "iop-staff");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> attendanceStaff
                .getList("/api/sessions/" + sessionId + "/roster").size() == 3);

        // the video platform reports: Jordan 10 min late, drops 5 min, back until the end; Sam throughout; an
        // "iPhone" nobody's tag identifies (Priya, as staff know)
        MockEnvironment test = new MockEnvironment();
        test.setActiveProfiles("test");
        JoinKeys keys = JoinKeys.from(test);
        String jordan = keys.tag(UUID.fromString(bookings.get("Jordan Rivera")));
        String sam = keys.tag(UUID.fromString(bookings.get("Sam Okafor")));
        Instant s = ZonedDateTime.of(today, start, zone).toInstant();
        String meeting = "mtg" + UUID.randomUUID() + "==";
        zoom(participant(meeting, "meeting.participant_joined", "j1", "Jordan " + jordan, s.plusSeconds(600), null));
        zoom(participant(meeting, "meeting.participant_left", "j1", "Jordan " + jordan, s.plusSeconds(600),
                s.plusSeconds(3600)));
        zoom(participant(meeting, "meeting.participant_joined", "j2", jordan, s.plusSeconds(3900), null));
        zoom(participant(meeting, "meeting.participant_joined", "s1", "Guest " + sam, s, null));
        zoom(participant(meeting, "meeting.participant_joined", "u1", "iPhone", s.plusSeconds(1200), null));
        zoom(Map.of("event", "meeting.ended", "event_ts", System.currentTimeMillis(), "payload", Map.of(
                "account_id", "AAAAAABBBB", "object", Map.of("uuid", meeting, "id", "85746065432", "host_id", "h",
                        "topic", "Evening", "type", 8, "end_time", s.plusSeconds(3 * 3600).toString()))));

        browser.get(platform.webUi + "/staff/programs/" + programId + "/roster");
        String jordanRow = "booking-" + bookings.get("Jordan Rivera");
        assertThat(browser.findElement(By.id(jordanRow)).getText()).contains("Attended 2 h 45 min").contains("video");
        assertThat(browser.findElement(By.id("booking-" + bookings.get("Sam Okafor"))).getText())
                .contains("Attended 3 h");
        assertThat(browser.findElement(By.id("booking-" + bookings.get("Priya Natarajan"))).getText())
                .contains("Expected");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("video-" + sessionId)));
        var unmatched = browser.findElement(By.cssSelector("#video-" + sessionId + " tr.unmatched"));
        assertThat(unmatched.getText()).contains("iPhone");
        screenshot("staff-roster-telehealth");

        new Select(unmatched.findElement(By.tagName("select"))).selectByVisibleText("Priya Natarajan");
        unmatched.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "matched"));
        assertThat(browser.findElement(By.id("booking-" + bookings.get("Priya Natarajan"))).getText())
                .contains("Attended 2 h 40 min").contains("video");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("video-" + sessionId)));
        assertThat(browser.findElements(By.cssSelector("#video-" + sessionId + " tr.unmatched"))).isEmpty();
    }

    private static Map<String, Object> participant(String meeting, String event, String id, String name,
            Instant join, Instant leave) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("user_id", "1677" + Math.abs(id.hashCode() % 10000));
        p.put("user_name", name);
        p.put("participant_uuid", id + "-" + meeting);
        p.put("join_time", join.toString());
        if (leave != null) {
            p.put("leave_time", leave.toString());
        }
        return Map.of("event", event, "event_ts", System.currentTimeMillis(), "payload", Map.of("account_id",
                "AAAAAABBBB", "object", Map.of("uuid", meeting, "id", "85746065432", "host_id", "h", "topic",
                        "Evening", "type", 8, "participant", p)));
    }

    /** Posts a delivery signed as Zoom signs it (the local profile's built-in webhook secret). */
    private static void zoom(Map<String, Object> delivery) throws Exception {
        byte[] body = JSON.writeValueAsBytes(delivery);
        String ts = String.valueOf(Instant.now().getEpochSecond());
        ZoomFormat format = new ZoomFormat(ZoomFormat.LOCAL_SECRET, Clock.systemUTC(), Duration.ofMinutes(5));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                platform.attendance + "/api/telehealth/zoom/webhook")).header("Content-Type", "application/json")
                .header("x-zm-request-timestamp", ts).header("x-zm-signature", format.signature(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value);
    }

    private static void signIn() {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys("staff");
        browser.findElement(By.id("password")).sendKeys("iop-staff");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Path dir = Path.of("..", "docs", "screenshots");
            Files.createDirectories(dir);
            Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
