package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.webui.PageChecks.checkAndShoot;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What already happened, entered afterwards from the pages (ADR 0012), and the client's own settings page by keyboard
 * alone. Staff enter yesterday's group that was never put in the system: the new-session form asks for the reason
 * once the day is past, the session page asks for it when booking a seat of a started session, and the roster asks
 * for it when recording the attendance of a seat booked late (one line, and "mark all present"). Each refusal is
 * beside its field in plain words and tied for screen readers; every page passes axe at both widths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LateEntryBrowserTest {

    static FrontDoorPlatform platform;
    static Chromium chromium;
    static WebDriver browser;
    static WebDriverWait wait;
    static ZoneId zone;
    static LocalDate today;

    @RegisterExtension
    static final TestWatcher PAGE_ON_FAILURE = Chromium.pageOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
        // around midday in the program's zone, so "yesterday" and "today" do not move while the test runs
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        zone = ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
        today = ZonedDateTime.now(zone).toLocalDate();
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void staffEnterYesterdaysGroupItsSeatsAndItsAttendanceLateWithAReason() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String name = "Late entry program " + suffix;
        String programId = (String) admin.post("/api/programs", Map.of("name", name, "timeZone", zone.getId(),
                "locationLabel", "Riverside Center", "phone", "+12125550100")).get("id");
        for (String client : List.of("Ana Lopez", "Ben Adeyemi")) {
            staff.post("/api/programs/" + programId + "/enrolments", Map.of("displayName", client,
                    "dateOfBirth", "1990-01-01", "admissionDate", today.minusDays(20).toString()));
        }
        LocalDate yesterday = today.minusDays(1);

        signIn("staff", "iop-staff");
        chooseProgram(suffix, name);

        // yesterday's morning group, held during an outage and never entered: the form asks why once the day is past
        browser.findElement(By.linkText("New session")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "New session"));
        assertThat(browser.findElement(By.id("lateEntryReason-block")).isDisplayed()).isFalse(); // tomorrow
        WebElement day = browser.findElement(By.id("date"));
        day.sendKeys(usDate(yesterday));
        assertThat(browser.findElement(By.id("lateEntryReason-block")).isDisplayed()).isTrue();
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lateEntryReason-error")));
        assertTied("lateEntryReason", "This session has already taken place: please say why it is entered late.");
        checkAndShoot(browser, "staff-session-late-entry-error");
        browser.findElement(By.id("lateEntryReason")).sendKeys("Group held during the network outage");
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Session created"));

        // the session has started, so a seat in it is a late entry too: the booking form asks why
        bookLate("Ana", null);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lateEntryReason-error")));
        assertTied("lateEntryReason", "This session has already taken place: please say why it is entered late.");
        checkAndShoot(browser, "staff-booking-late-entry-error");
        bookLate("Ana", "Attended; seat never booked");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Booked Ana Lopez"));
        bookLate("Ben", "Attended; seat never booked");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Booked Ben Adeyemi"));

        // yesterday's roster: both seats were booked late, so their attendance is entered late, with a reason
        browser.findElement(By.linkText("← Week board")).click();
        browser.findElement(By.linkText("Today's roster")).click();
        browser.findElement(By.linkText("← Previous day")).click();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.navigate().refresh(); // attendance hears of the late bookings through events
            assertThat(browser.findElements(By.cssSelector("[id^=record-late-]"))).hasSize(2);
        });
        String ana = lateBookingOf("Ana Lopez");
        String ben = lateBookingOf("Ben Adeyemi");
        assertThat(row(ana).getText()).contains("late entry");
        new Select(browser.findElement(By.id("late-outcome-" + ana))).selectByVisibleText(
                "Present for the whole session");
        browser.findElement(By.id("record-late-" + ana)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("late-reason-" + ana + "-error")));
        assertTied("late-reason-" + ana,
                "This booking was entered late, so its attendance is a late entry too: please say why.");
        checkAndShoot(browser, "staff-roster-late-entry-error");
        browser.findElement(By.id("late-reason-" + ana)).sendKeys("Sign-in sheet entered from paper");
        browser.findElement(By.id("record-late-" + ana)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Attendance for the whole session entered late"));
        assertThat(row(ana).getText()).contains("Attended");

        // "mark all present" would enter Ben's late seat: it asks for the reason as well
        String session = browser.findElement(By.cssSelector("input[id^=all-present-reason-]")).getDomAttribute("id")
                .substring("all-present-reason-".length());
        browser.findElement(By.id("all-present-" + session)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("all-present-reason-" + session + "-error")));
        assertTied("all-present-reason-" + session,
                "This booking was entered late, so its attendance is a late entry too: please say why.");
        PageChecks.accessible(browser);
        browser.findElement(By.id("all-present-reason-" + session)).sendKeys("Sign-in sheet entered from paper");
        browser.findElement(By.id("all-present-" + session)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "One client marked present"));
        assertThat(row(ben).getText()).contains("Attended");
        checkAndShoot(browser, "staff-roster-late-entry");

        // what attendance kept: the reason with each record
        Api attendance = new Api(platform.attendance, "staff", "iop-staff");
        assertThat(((Map<?, ?>) attendance.get("/api/bookings/" + ana + "/attendance").get("current"))
                .get("lateEntryReason")).isEqualTo("Sign-in sheet entered from paper");
    }

    @Test
    @Order(2)
    void theClientChangesTheirReminderSettingsByKeyboardAlone() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        String programId = (String) admin.post("/api/programs", Map.of("name", "Keyboard client " + UUID.randomUUID()
                .toString().substring(0, 6), "timeZone", zone.getId(), "locationLabel", "Riverside Center",
                "phone", "+12125550100")).get("id");
        String jordan = (String) staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", "Jordan Rivera", "dateOfBirth", "1990-04-02",
                "admissionDate", today.minusDays(20).toString())).get("clientId");
        Api notification = new Api(platform.notification, "staff", "iop-staff");
        notification.put("/api/clients/" + jordan + "/contact", Map.of("email", "jordan@example.org",
                "phone", "+12125550147", "channels", List.of("EMAIL", "SMS"),
                "consent", Map.of("EMAIL", true, "SMS", true), "quietHours", Map.of("start", "22:00", "end", "07:00"),
                "language", "en"));
        String token = (String) notification.post("/api/clients/" + jordan + "/client-links", Map.of()).get("token");

        browser.manage().deleteAllCookies(); // the link alone opens the page
        browser.get(platform.webUi + "/c/" + token);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preferences-form")));

        // texts off (Space), quiet hours typed the same at both ends by mistake, saved with Enter
        chromium.tabTo(By.id("sms"));
        chromium.keys(Keys.SPACE);
        assertThat(browser.findElement(By.id("sms")).isSelected()).isFalse();
        chromium.tabTo(By.id("quietStart"));
        chromium.keys("0900P");
        chromium.tabTo(By.id("quietEnd"));
        chromium.keys("0900P");
        chromium.tabTo(By.id("save"));
        chromium.keys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("quietHours-error")));
        assertTied("quietStart", "The quiet hours must start and end at different times.");
        assertTied("quietEnd", "The quiet hours must start and end at different times.");
        PageChecks.accessible(browser);
        assertThat(browser.findElement(By.id("sms")).isSelected()).isFalse(); // what the client chose is kept

        // the end corrected, Spanish chosen with the arrow key, saved with Space on the button
        chromium.tabTo(By.id("quietEnd"));
        chromium.keys("0800A");
        chromium.tabTo(By.id("language"));
        chromium.keys(Keys.ARROW_DOWN);
        chromium.tabTo(By.id("save"));
        chromium.keys(Keys.SPACE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "saved"));
        PageChecks.accessible(browser);
        assertThat(browser.findElement(By.id("sms")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("email")).isSelected()).isTrue();
        Map<String, Object> contact = notification.get("/api/clients/" + jordan + "/contact");
        assertThat(contact.get("channels")).isEqualTo(List.of("EMAIL"));
        assertThat(String.valueOf(contact.get("language"))).isEqualToIgnoringCase("es");
        assertThat(String.valueOf(contact.get("quietHours"))).contains("21:00").contains("08:00");
    }

    /** The field says it is invalid and points at its error line, which says {@code text}. */
    private static void assertTied(String fieldId, String text) {
        WebElement field = browser.findElement(By.id(fieldId));
        assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getDomAttribute("aria-describedby")).contains(fieldId.startsWith("quiet") ? "quietHours-error"
                : fieldId + "-error");
        String errorId = fieldId.startsWith("quiet") ? "quietHours-error" : fieldId + "-error";
        assertThat(browser.findElement(By.id(errorId)).getText()).isEqualTo(text);
        PageChecks.fieldErrorsTied(browser);
    }

    /** On the session page: find the client by name, choose them, give the reason (if any) and book. */
    private static void bookLate(String name, String reason) {
        WebElement q = browser.findElement(By.id("q"));
        q.clear();
        q.sendKeys(name, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=" + name));
        browser.findElement(By.id("client-0")).click();
        if (reason != null) {
            browser.findElement(By.id("lateEntryReason")).sendKeys(reason);
        }
        browser.findElement(By.id("book")).click();
    }

    private static String lateBookingOf(String name) {
        return browser.findElements(By.cssSelector("tr[id^=booking-]")).stream()
                .filter(r -> r.getText().contains(name)).findFirst().orElseThrow()
                .getDomAttribute("id").substring("booking-".length());
    }

    private static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }

    /** The program switcher: the program found by the unique part of its name and chosen. */
    private static void chooseProgram(String suffix, String name) {
        if (!browser.findElement(By.tagName("h1")).getText().equals("Choose a program")) {
            browser.findElement(By.id("switch-program")).click();
        }
        browser.findElement(By.id("program-q")).sendKeys(suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + suffix));
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".switcher"), name));
    }

    private static WebElement row(String bookingId) {
        return browser.findElement(By.id("booking-" + bookingId));
    }

    private static String usDate(LocalDate date) {
        return date.format(java.time.format.DateTimeFormatter.ofPattern("MMddyyyy"));
    }
}
