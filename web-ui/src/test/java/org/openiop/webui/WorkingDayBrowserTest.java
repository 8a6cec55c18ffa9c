package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.webui.PageChecks.checkAndShoot;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clinic's working day in the browser, each role starting from its home page and using only clicks and typing:
 * staff choose their program, see today, find and enrol clients, change a phase, issue and withdraw a client's link,
 * discharge, create a one-off session and cancel it; the officer sees who is at risk; the admin edits a program's
 * settings and reads the audit log; a page outside one's role is a styled 403. Every page passes axe-core (no
 * critical or serious violation at 1366x768 and 390x844) and is photographed for the README.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // order only for readable reports: each test has its own data
class WorkingDayBrowserTest {

    @RegisterExtension
    static final TestWatcher PAGE_ON_FAILURE = Chromium.pageOnFailure(() -> WorkingDayBrowserTest.browser);

    private static FrontDoorPlatform platform;
    private static Chromium chromium;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static ZoneId zone;
    private static LocalDate today;

    @BeforeAll
    static void start() {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
        // around midday in the programs' zone, so today's sessions fit in today whatever time the build runs
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

    /** A program of the test's own, named uniquely so the search finds exactly it. */
    private static final class Program {
        final Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        final Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        final String suffix = UUID.randomUUID().toString().substring(0, 6);
        final String name;
        final String id;
        final String clinicianId;
        final String roomId;

        Program(String label) {
            name = label + " " + suffix;
            id = (String) admin.post("/api/programs", Map.of("name", name, "timeZone", zone.getId(),
                    "locationLabel", "Riverside Center, 2nd floor", "phone", "+12125550100")).get("id");
            clinicianId = (String) admin.post("/api/programs/" + id + "/clinicians",
                    Map.of("displayName", "Dr. Amara Chen")).get("id");
            roomId = (String) admin.post("/api/programs/" + id + "/rooms", Map.of("name", "Room 2B", "capacity", 12))
                    .get("id");
        }

        String enrol(String name, String born) {
            return (String) staff.post("/api/programs/" + id + "/enrolments", Map.of("displayName", name,
                    "dateOfBirth", born, "admissionDate", today.minusDays(20).toString())).get("clientId");
        }

        String session(LocalTime start, LocalTime end) {
            return (String) staff.post("/api/programs/" + id + "/sessions", Map.of("type", "GROUP",
                    "date", today.toString(), "startTime", start.toString(), "endTime", end.toString(),
                    "capacity", 12, "clinicianId", clinicianId, "roomId", roomId)).get("id");
        }

        /** A session of today that is already over, entered late (with a reason), as after an outage (ADR 0012). */
        String endedSession(LocalTime start, LocalTime end) {
            return (String) staff.post("/api/programs/" + id + "/sessions", Map.of("type", "GROUP",
                    "date", today.toString(), "startTime", start.toString(), "endTime", end.toString(),
                    "capacity", 12, "clinicianId", clinicianId, "roomId", roomId,
                    "lateEntryReason", ENTERED_LATE)).get("id");
        }

        String book(String sessionId, String clientId) {
            return (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId))
                    .get("id");
        }

        /** A seat in a session that has already started: a late entry too. */
        String bookLate(String sessionId, String clientId) {
            return (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId,
                    "lateEntryReason", ENTERED_LATE)).get("id");
        }
    }

    private static final String ENTERED_LATE = "Held during the network outage";

    @Test
    @Order(1)
    void staffWorkThroughTheirDayFromTheHomePage() {
        Program program = new Program("Riverside evening program");
        String jordan = program.enrol("Jordan Rivera", "1990-04-02");
        String sam = program.enrol("Sam Okafor", "1985-09-17");
        // a session of earlier today that is already over, without attendance (entered late, so the test need not
        // wait for a session to end): today's page calls it out
        LocalTime now = ZonedDateTime.now(zone).toLocalTime().truncatedTo(ChronoUnit.SECONDS);
        String over = program.endedSession(now.minusMinutes(40), now.minusMinutes(10));
        program.bookLate(over, jordan);
        String later = program.session(now.plusHours(1).truncatedTo(ChronoUnit.MINUTES),
                now.plusHours(4).truncatedTo(ChronoUnit.MINUTES));
        program.book(later, jordan);
        program.book(later, sam);

        platform.forgetProgramsChosenBy("staff");
        signIn("staff", "iop-staff");
        // first sign-in: no program chosen yet, so the switcher opens; its search finds the program by name
        assertThat(heading()).isEqualTo("Choose a program");
        findProgram(program);
        assertThat(browser.findElements(By.cssSelector("#found-programs > li"))).hasSize(1);
        checkAndShoot(browser, "staff-program-switcher");
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));

        // home: today, with the session to come and who is expected
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Today"));
        assertThat(browser.findElement(By.cssSelector(".switcher")).getText()).contains(program.name);
        assertThat(browser.findElement(By.cssSelector("[aria-labelledby=next]")).getText())
                .contains("Jordan Rivera").contains("Sam Okafor").contains("Dr. Amara Chen");

        // nav "Week board" opens the current program's board
        browser.findElement(By.linkText("Week board")).click();
        assertThat(browser.getCurrentUrl()).contains("/staff/programs/" + program.id + "/week");

        // clients: the list, a search, and enrolling with a mistake first
        browser.findElement(By.linkText("Clients")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clients")));
        assertThat(browser.findElement(By.id("clients")).getText()).contains("Jordan Rivera").contains("Sam Okafor");
        browser.findElement(By.id("client-q")).sendKeys("oka");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=oka"));
        assertThat(browser.findElement(By.id("clients")).getText()).contains("Sam Okafor").doesNotContain("Jordan");
        checkAndShoot(browser, "staff-clients");
        browser.findElement(By.id("enrol-client")).click();
        browser.findElement(By.id("displayName")).sendKeys("Priya Natarajan");
        browser.findElement(By.id("enrol")).click(); // no date of birth
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dateOfBirth-error")));
        WebElement born = browser.findElement(By.id("dateOfBirth"));
        assertThat(born.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id(born.getDomAttribute("aria-describedby"))).getText())
                .isEqualTo("Please fill this in.");
        assertThat(browser.findElement(By.id("displayName")).getDomProperty("value")).isEqualTo("Priya Natarajan");
        checkAndShoot(browser, "staff-enrol-errors");
        setValue("dateOfBirth", "1979-01-30");
        browser.findElement(By.id("enrol")).click();

        // the chart of the new client
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Priya Natarajan"));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("is enrolled");
        assertThat(browser.findElement(By.id("no-contact")).getText()).contains("No contact details");
        browser.findElement(By.cssSelector("details summary")).click();
        WebElement perWeek = browser.findElement(By.id("sessionsPerWeek"));
        perWeek.clear();
        perWeek.sendKeys("2");
        browser.findElement(By.id("stepDown")).click();
        browser.findElement(By.id("change-phase")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-now"), "2 sessions a week, step-down"));
        browser.findElement(By.id("issue-link")).click();
        String url = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-url")))
                .getDomProperty("value");
        assertThat(url).contains("/c/");
        checkAndShoot(browser, "staff-client-chart");
        browser.findElement(By.id("withdraw-link")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "withdrawn"));

        // Jordan's chart: the sessions of today, and a discharge with its reason
        browser.get(platform.webUi + "/staff/clients/" + jordan);
        assertThat(browser.findElement(By.id("upcoming")).findElements(By.tagName("li"))).isNotEmpty();
        browser.findElement(By.id("discharge")).click();
        checkAndShoot(browser, "staff-discharge");
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Client request");
        browser.findElement(By.id("note")).sendKeys("Moved out of state");
        browser.findElement(By.id("confirm-discharge")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "is discharged"));
        assertThat(browser.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Discharged");

        // a one-off session from today's page, a clash of times first, then cancelled as a whole
        browser.findElement(By.linkText("Today")).click();
        browser.findElement(By.linkText("New session")).click();
        new Select(browser.findElement(By.id("type"))).selectByVisibleText("Family");
        new Select(browser.findElement(By.id("block"))).selectByValue("CUSTOM");
        setValue("startTime", "16:00");
        setValue("endTime", "15:00");
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".failure")));
        assertThat(browser.findElement(By.cssSelector(".failure")).getText()).isNotBlank();
        checkAndShoot(browser, "staff-new-session-errors");
        setValue("endTime", "17:30");
        WebElement seats = browser.findElement(By.id("capacity"));
        seats.clear();
        seats.sendKeys("1"); // a family session seats one client (with their family)
        new Select(browser.findElement(By.id("clinicianId"))).selectByVisibleText("Dr. Amara Chen");
        new Select(browser.findElement(By.id("roomId"))).selectByVisibleText("Room 2B (12 seats)");
        browser.findElement(By.id("create-session")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Family session"));
        browser.findElement(By.id("cancel-session")).click();
        checkAndShoot(browser, "staff-cancel-session");
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Clinician unavailable");
        browser.findElement(By.id("confirm-cancel-session")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("session-cancelled")));

        // back home: the session that is over has its missing attendance called out
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    browser.findElement(By.linkText("Today")).click();
                    assertThat(browser.findElements(By.id("unrecorded"))).isNotEmpty();
                });
        assertThat(browser.findElement(By.id("unrecorded")).getText()).contains("Jordan Rivera");
        checkAndShoot(browser, "staff-home");
    }

    @Test
    @Order(2)
    void theOfficerSeesWhoIsAtRiskAcrossTheirPrograms() {
        Program program = new Program("Harbor adolescent program");
        program.enrol("Alex Moreno", "1992-06-11"); // nothing booked this week: cannot reach the minimum
        signIn("officer", "iop-officer");
        assertThat(heading()).isEqualTo("Clients at risk this week");
        browser.findElement(By.linkText("Choose the programs you oversee")).click();
        findProgram(program);
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.navigate().refresh();
                    assertThat(browser.findElements(By.id("at-risk"))).isNotEmpty();
                });
        assertThat(browser.findElement(By.id("at-risk")).getText()).contains("Alex Moreno").contains(program.name);
        checkAndShoot(browser, "officer-home");

        // a staff page is not for this role: a styled 403, and an unknown address a styled 404
        browser.get(platform.webUi + "/staff/today");
        assertThat(heading()).isEqualTo("This page is not for your role");
        checkAndShoot(browser, "error-403");
        browser.get(platform.webUi + "/no-such-page");
        assertThat(heading()).isEqualTo("We could not find that page");
        PageChecks.accessible(browser);
    }

    @Test
    @Order(3)
    void theAdminChangesProgramSettingsAndReadsTheAuditLog() throws Exception {
        Program program = new Program("Lakeside day program");
        String client = program.enrol("Casey Lindqvist", "1988-02-14");
        new Api(platform.scheduling, "staff", "iop-staff").get("/api/clients/" + client); // an audited read
        signIn("admin", "iop-admin");
        assertThat(heading()).isEqualTo("Programs and settings");
        browser.findElement(By.id("admin-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        assertThat(browser.findElement(By.id("programs")).getText()).contains(program.name).contains("9 h / 6 h");
        checkAndShoot(browser, "admin-home");
        browser.findElement(By.linkText("Settings")).click();
        WebElement adult = browser.findElement(By.id("adultMinimumMinutes"));
        adult.clear();
        adult.sendKeys("0");
        browser.findElement(By.id("save-settings")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("adultMinimumMinutes-error")));
        adult = browser.findElement(By.id("adultMinimumMinutes"));
        assertThat(adult.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("adultMinimumMinutes-error")).getText()).isNotBlank();
        checkAndShoot(browser, "admin-settings-errors");
        adult.clear();
        adult.sendKeys("600");
        new Select(browser.findElement(By.id("weekStart"))).selectByVisibleText("Sunday");
        browser.findElement(By.id("save-settings")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Settings saved"));
        assertThat(browser.findElement(By.id("adultMinimumMinutes")).getDomProperty("value")).isEqualTo("600");
        assertThat(new Select(browser.findElement(By.id("weekStart"))).getFirstSelectedOption().getText())
                .isEqualTo("Sunday");

        browser.findElement(By.linkText("Programs & settings")).click();
        browser.findElement(By.linkText("Audit log")).click();
        browser.findElement(By.id("user")).sendKeys("staff");
        browser.findElement(By.id("filter-audit")).click();
        wait.until(ExpectedConditions.urlContains("user=staff"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("staff").contains("enrolment");
        checkAndShoot(browser, "admin-audit");
        // a day that is not a day is named beside its field
        setValue("from", "");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('from').type = 'text';");
        browser.findElement(By.id("from")).sendKeys("yesterday");
        browser.findElement(By.id("filter-audit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("from-error")));
        assertThat(browser.findElement(By.id("from-error")).getText()).contains("a day such as");

        // a 500 is a page too, not a stack trace: an answer for a program that does not exist is a styled 404
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.webUi + "/no-such-page")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isIn(302, 404); // unauthenticated: sent to sign in, never a framework page
        assertThat(missing.body()).doesNotContain("Whitelabel");
    }

    @Test
    @Order(4)
    void staffManageASeriesAndCloseTheProgramForAHoliday() {
        Program program = new Program("Northside morning program");
        String robin = program.enrol("Robin Takahashi", "1983-11-05");
        LocalDate monday = today.plusWeeks(1).with(java.time.DayOfWeek.MONDAY);
        program.staff.post("/api/programs/" + program.id + "/series", Map.of("clientId", robin, "type", "GROUP",
                "block", "MORNING", "startDate", monday.toString(),
                "daysOfWeek", java.util.List.of("MONDAY", "WEDNESDAY", "FRIDAY"), "weeks", 3));
        signIn("staff", "iop-staff");
        browser.findElement(By.id("switch-program")).click(); // staff worked in another program before
        findProgram(program);
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));

        // the client's chart lists the series; it opens with its days
        browser.findElement(By.linkText("Clients")).click();
        browser.findElement(By.linkText("Robin Takahashi")).click();
        browser.findElement(By.cssSelector("#series a")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("dl"), "Monday, Wednesday, Friday"));
        assertThat(browser.findElement(By.tagName("dl")).getText()).contains("Monday, Wednesday, Friday");
        assertThat(browser.findElements(By.cssSelector("#occurrences tbody tr"))).hasSize(9);

        // step down to Mondays and Wednesdays from the second week: preview first, then for real
        setValue("effectiveFrom", monday.plusWeeks(1).toString());
        for (String day : java.util.List.of("MONDAY", "WEDNESDAY")) {
            browser.findElement(By.id("step-" + day)).click();
        }
        browser.findElement(By.id("preview-step-down")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("step-preview")));
        assertThat(browser.findElement(By.id("step-preview")).getText()).contains("nothing has changed yet");
        assertThat(browser.findElement(By.id("step-MONDAY")).isSelected()).isTrue();
        checkAndShoot(browser, "staff-series-step-down");
        browser.findElement(By.id("step-down")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Stepped down"));
        assertThat(browser.findElement(By.tagName("dl")).getText()).contains("Monday, Wednesday");
        assertThat(browser.findElements(By.cssSelector("#occurrences tbody tr.struck"))).hasSize(2);

        // cancel the rest from the third week
        setValue("from", monday.plusWeeks(2).toString());
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Client request");
        browser.findElement(By.id("cancel-rest")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Series ended"));
        assertThat(browser.findElements(By.cssSelector("#occurrences tbody tr.struck"))).hasSize(4);

        // a holiday on the first Monday: the board's closures page shows Robin's session before anything changes
        browser.findElement(By.linkText("Week board")).click();
        browser.findElement(By.linkText("Closures and holidays")).click();
        browser.findElement(By.id("preview-closure")).click(); // nothing filled in
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reason-error"))); // the answer, not the old page
        assertThat(browser.findElement(By.id("firstDay")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("reason-error")).getText()).contains("Please say why");
        setValue("firstDay", monday.toString());
        browser.findElement(By.id("closure-reason")).sendKeys("Staff training day");
        browser.findElement(By.id("preview-closure")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("closure-preview")));
        assertThat(browser.findElement(By.id("closure-preview")).getText()).contains("Robin Takahashi")
                .contains("bookings: 1");
        checkAndShoot(browser, "staff-closure-preview");
        browser.findElement(By.id("confirm-closure")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Closed."));
        assertThat(browser.findElement(By.id("closures")).getText()).contains("Staff training day");

        // entered by mistake: removed before it begins; what it cancelled stays cancelled
        browser.findElement(By.cssSelector("#closures button[id^=remove-closure-]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Closure removed"));
        assertThat(browser.findElements(By.id("closures"))).isEmpty();
    }

    /** The switcher's search by the program's unique part of its name; waits for the results page. */
    private static void findProgram(Program program) {
        browser.findElement(By.id("program-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
    }

    private static String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    private static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }

    private static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value);
    }
}
