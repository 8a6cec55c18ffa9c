package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 17's pages in a real browser against the real services: staff waitlist a client for a full session and book
 * the seat held for them when it frees; the officer sees the make-up options of an AT_RISK week, and a user with the
 * staff role books one in one click until the week reaches its minimum.
 */
class MakeupBrowserTest {

    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static FrontDoorPlatform platform;
    private static WebDriver browser;
    private static Chromium chromium;
    private static WebDriverWait wait;
    private static LocalDate monday;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        // attendance is recorded at once for next Monday's sessions (at most 8 days ahead)
        platform = FrontDoorPlatform.shared("attendance.recording.clock-skew=8d");
        chromium = Chromium.start(new org.openqa.selenium.Dimension(1280, 900), Duration.ofSeconds(30));
        browser = chromium.browser;
        wait = chromium.wait;
        Files.createDirectories(SCREENSHOTS);
        // next week: every session is ahead and the week open; Monday is inside the widened recording window
        monday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
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

    private final Api admin = new Api(platform.scheduling, "admin", "iop-admin");
    private final Api staff = new Api(platform.scheduling, "staff", "iop-staff");

    @Test
    void staffWaitlistAClientAndBookTheSeatHeldForThemWhenItFrees() {
        String program = program();
        String ana = enrol(program, "Ana Holder");
        enrol(program, "Ben Waiting");
        String session = session(program, monday.plusDays(1), "MORNING", 1);
        String anasBooking = (String) staff.post("/api/sessions/" + session + "/bookings", Map.of("clientId", ana))
                .get("id");

        signIn("staff", "iop-staff");
        browser.get(platform.webUi + "/staff/sessions/" + session);
        browser.findElement(By.id("waitlist-link")).click();
        browser.findElement(By.id("q")).sendKeys("ben");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#matches input[type=radio]"))).click();
        browser.findElement(By.id("add-to-waitlist")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("queue"), "Ben Waiting"));
        assertThat(browser.findElement(By.id("queue")).getText()).contains("Waiting");

        staff.post("/api/bookings/" + anasBooking + "/cancel", Map.of());
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#queue tr[data-status=HELD]")).getText())
                .contains("Ben Waiting").contains("until");
        screenshot("staff-waitlist-held");
        browser.findElement(By.cssSelector("#queue button.accept")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Booked from the waitlist."));
        assertThat(browser.findElement(By.cssSelector("#queue tr[data-status=BOOKED]")).getText())
                .contains("Ben Waiting");
        assertThat(browser.findElement(By.id("waitlist-seats")).getText()).startsWith("1 of 1");
        signOut();
    }

    @Test
    void theOfficerSeesMakeUpOptionsForAnAtRiskWeekAndStaffBookOneInOneClick() {
        String program = program();
        String cara = enrol(program, "Cara Makeup");
        attend(session(program, monday, "MORNING", 8), cara, 9);
        attend(session(program, monday, "EVENING", 8), cara, 18);
        session(program, monday.plusDays(2), "MORNING", 8);
        session(program, monday.plusDays(3), "EVENING", 8);
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> atRisk(officer, cara));

        signIn("officer", "iop-officer");
        browser.get(platform.webUi + "/officer/clients/" + cara + "?week=" + monday);
        browser.findElement(By.id("makeup-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("options")));
        assertThat(browser.findElement(By.id("makeup-week")).getText()).contains("6 h attended").contains("Short by 3 h");
        assertThat(browser.findElements(By.cssSelector("#options li.option"))).hasSize(2)
                .allSatisfy(o -> assertThat(o.getText()).contains("reaches 9 h"));
        assertThat(browser.findElements(By.cssSelector("button.book-option"))).as("officers do not book").isEmpty();
        screenshot("officer-makeup-options");
        signOut();

        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/officer/clients/" + cara + "/makeup?week=" + monday);
        browser.findElement(By.cssSelector("button.book-option")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Booked the make-up"));
        // the compliance projection learns of the booking from its event: the week then reaches the minimum
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.id("makeup-week")).getText().contains("reaches the minimum");
        });
        assertThat(browser.findElement(By.id("makeup-week")).getText()).contains("On track");
        signOut();
    }

    @SuppressWarnings("unchecked")
    private static boolean atRisk(Api officer, String client) {
        Map<String, Object> history = officer.get("/api/clients/" + client + "/compliance");
        return ((List<Map<String, Object>>) history.get("weeks")).stream()
                .anyMatch(w -> "AT_RISK".equals(w.get("status")) && ((Number) w.get("attendedMinutes")).intValue() == 360);
    }

    private String program() {
        return (String) admin.post("/api/programs", Map.of("name", "Riverside program", "timeZone", NEW_YORK.getId(),
                "locationLabel", "Riverside Center", "phone", "+12125550100")).get("id");
    }

    private String enrol(String program, String name) {
        return (String) staff.post("/api/programs/" + program + "/enrolments", Map.of("displayName", name,
                "dateOfBirth", "1988-03-03", "admissionDate", monday.minusWeeks(2).toString())).get("clientId");
    }

    private String session(String program, LocalDate day, String block, int capacity) {
        return (String) staff.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", day.toString(), "block", block, "capacity", capacity)).get("id");
    }

    private void attend(String session, String client, int hour) {
        String booking = (String) staff.post("/api/sessions/" + session + "/bookings", Map.of("clientId", client))
                .get("id");
        Api attendance = new Api(platform.attendance, "staff", "iop-staff");
        ZonedDateTime start = ZonedDateTime.of(monday, LocalTime.of(hour, 0), NEW_YORK);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> attendance.post(
                "/api/bookings/" + booking + "/attendance", Map.of("checkedInAt", start.toInstant().toString(),
                        "checkedOutAt", start.plusHours(3).toInstant().toString())), body -> body != null);
    }

    private static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }

    private static void signOut() {
        browser.findElement(By.cssSelector(".signout button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    private static void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
