package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Each role's main path in a real browser (Debian's headless Chromium) against the three real services and the
 * front door, on a real broker and database: staff book a recurring series and check a client in; the officer's
 * dashboard changes without a reload when attendance is recorded; the messages page lists the email a client got;
 * a service's field errors appear beside the form field. Screenshots of each page go to docs/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // order only for readable reports: each test sets up its own data
class FrontDoorBrowserTest {

    private static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    /** On failure, the page as the browser had it, for the report (target/failure-*.html). */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher PAGE_ON_FAILURE =
            Chromium.pageOnFailure(() -> FrontDoorBrowserTest.browser);

    /** attendance-service's clock allowance on the platform where attendance is recorded ahead of time. */
    private static final String RECORDING_AHEAD = "attendance.recording.clock-skew=8d";

    private static FrontDoorPlatform platform;
    private static WebDriver browser;
    private static Chromium chromium;
    private static WebDriverWait wait;

    private static ZoneId zone;
    private static LocalDate today;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start(new org.openqa.selenium.Dimension(1280, 900), Duration.ofSeconds(20));
        browser = chromium.browser;
        wait = chromium.wait;
        Files.createDirectories(SCREENSHOTS);
        // Programs live in a fixed-offset zone where it is around midday now, so today's sessions can start in the
        // near future and end the same day, whatever time the build runs.
        int offset = 12 - ZonedDateTime.now(ZoneOffset.UTC).getHour();
        zone = ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
        today = ZonedDateTime.now(zone).toLocalDate();
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

    /**
     * One test's own program (with a clinician, a room and enrolled clients), set up through scheduling-service's
     * API so no test depends on what another left behind.
     */
    private static final class Program {
        final FrontDoorPlatform on; // the platform the program lives on
        final Api admin;
        final String id;
        final String clinicianId;
        final String roomId;

        Program() {
            this(platform);
        }

        Program(FrontDoorPlatform on) {
            this(on, "Riverside Center, 2nd floor", "Dr. Amara Chen");
        }

        Program(String locationLabel, String clinician) {
            this(platform, locationLabel, clinician);
        }

        Program(FrontDoorPlatform on, String locationLabel, String clinician) {
            this.on = on;
            admin = new Api(on.scheduling, "admin", "iop-admin");
            id = (String) admin.post("/api/programs", Map.of("name", "Riverside evening program",
                    "timeZone", zone.getId(), "locationLabel", locationLabel, "phone", "+12125550100"))
                    .get("id");
            clinicianId = (String) admin.post("/api/programs/" + id + "/clinicians",
                    Map.of("displayName", clinician)).get("id");
            roomId = (String) admin.post("/api/programs/" + id + "/rooms", Map.of("name", "Room 2B", "capacity", 12))
                    .get("id");
        }

        String enrol(String name, String born) {
            return (String) admin.post("/api/programs/" + id + "/enrolments", Map.of("displayName", name,
                    "dateOfBirth", born, "admissionDate", today.minusDays(20).toString())).get("clientId");
        }

        /** A three-hour group session today, starting an hour from now (bookable, and within today). */
        String sessionToday() {
            LocalTime start = ZonedDateTime.now(zone).toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
            return (String) admin.post("/api/programs/" + id + "/sessions", Map.of("type", "GROUP",
                    "date", today.toString(), "startTime", start.toString(),
                    "endTime", start.plusHours(3).toString(), "capacity", 12, "clinicianId", clinicianId,
                    "roomId", roomId)).get("id");
        }

        String book(String sessionId, String clientId) {
            return (String) new Api(on.scheduling, "staff", "iop-staff")
                    .post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId)).get("id");
        }
    }

    @Test
    @Order(1)
    void staffBookARecurringSeriesAfterItsPreviewAndCheckTheClientIn() {
        Program program = new Program();
        String jordan = program.enrol("Jordan Rivera", "1990-04-02");
        program.enrol("Sam Okafor", "1985-09-17");
        program.enrol("Priya Natarajan", "1979-01-30");
        // Sessions cannot be booked once started, and a check-out must come after the start: today's session starts
        // 90 s from now (the steps up to the roster take about a minute on 2 cores), so it is booked and shows no
        // absence control before it starts, and is checked out just after.
        LocalTime sessionStart = ZonedDateTime.now(zone).toLocalTime().plusSeconds(90).truncatedTo(ChronoUnit.SECONDS);
        platform.forgetProgramsChosenBy("staff");
        signIn("staff", "iop-staff");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Choose a program");
        screenshot("staff-programs");

        browser.get(platform.webUi + "/staff/programs/" + program.id + "/series/new");
        WebElement search = browser.findElement(By.id("q"));
        search.sendKeys("jord");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#matches input[type=radio]"))).click();
        // choosing the client shows their planned hours against the minimum before anything is booked
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("planned"), "minimum"));
        assertThat(browser.findElement(By.id("planned")).getText()).contains("Jordan Rivera").contains("9 h");
        new Select(browser.findElement(By.id("block"))).selectByValue("CUSTOM");
        setValue("startTime", sessionStart.toString());
        setValue("endTime", sessionStart.plusHours(3).toString());
        setValue("startDate", today.toString());
        browser.findElement(By.id("day-" + today.getDayOfWeek().name())).click();
        setValue("weeks", "2");
        new Select(browser.findElement(By.id("clinicianId"))).selectByVisibleText("Dr. Amara Chen");
        new Select(browser.findElement(By.id("roomId"))).selectByVisibleText("Room 2B");
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('preview-button').form.checkValidity();"))
                .as("the browser accepts the form as filled in").isTrue();
        browser.findElement(By.id("preview-button")).click();

        WebElement preview = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        assertThat(preview.getText()).contains("2 bookable").contains("nothing is booked yet");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView();", preview);
        screenshot("staff-series-preview");
        browser.findElement(By.id("commit-button")).click();
        WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
        assertThat(result.getText()).contains("2 sessions booked");

        browser.get(platform.webUi + "/staff/programs/" + program.id + "/week");
        WebElement board = browser.findElement(By.id("week-board"));
        assertThat(board.getText()).contains("Group").contains("Dr. Amara Chen").contains("Room 2B")
                .contains("1 of 12 seats");
        screenshot("staff-week-board");

        // book Sam into the same session from the session page, by name
        browser.findElement(By.cssSelector("#week-board tr.today .session a")).click();
        browser.findElement(By.id("q")).sendKeys("okafor");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#matches input[type=radio]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("planned"), "Sam Okafor"));
        screenshot("staff-session-booking");
        browser.findElement(By.id("book")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("booked"), "Sam Okafor"));
        assertThat(browser.findElement(By.id("seats")).getText()).isEqualTo("2 of 12 used");

        // today's roster: one click to check Jordan in, one to check out
        browser.get(platform.webUi + "/staff/programs/" + program.id + "/roster");
        By jordanIn = By.xpath("//button[@aria-label='Check in Jordan Rivera']");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.navigate().refresh(); // attendance learns of the booking through its SessionScheduled event
            return !browser.findElements(jordanIn).isEmpty() && browser.findElements(By.className("warn")).isEmpty();
        });
        // no absence or whole session before the start; a check-in clicked by mistake is undone (and kept)
        String jordanRow = browser.findElement(By.xpath("//tr[th[normalize-space()='Jordan Rivera']]")).getText();
        assertThat(jordanRow).doesNotContain("Whole session").doesNotContain("Excused");
        browser.findElement(jordanIn).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Checked in"));
        browser.findElement(By.xpath("//button[@aria-label='Undo check-in of Jordan Rivera']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Check-in undone."));
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(new org.springframework.jdbc.datasource
                .DriverManagerDataSource(platform.database, org.openiop.testsupport.TestInfrastructure.postgresUser(),
                org.openiop.testsupport.TestInfrastructure.postgresPassword())).sql("SELECT count(*) FROM webui.arrival_undone")
                .query(Long.class).single()).isEqualTo(1);
        browser.findElement(jordanIn).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Checked in"));
        screenshot("staff-roster-checked-in");
        ZonedDateTime started = ZonedDateTime.of(today, sessionStart, zone).plusSeconds(2);
        await().atMost(Duration.ofSeconds(120)).until(() -> ZonedDateTime.now(zone).isAfter(started));
        // the roster offers check-out only once the session has started: reload the page rendered before
        browser.navigate().refresh();
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[@aria-label='Check out Jordan Rivera']"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Checked out."));
        String row = browser.findElement(By.xpath("//tr[th[normalize-space()='Jordan Rivera']]")).getText();
        assertThat(row).contains("Attended").contains("Correct");
        assertThat(new Api(platform.attendance, "staff", "iop-staff")
                .getList("/api/sessions/" + todaysSeat(jordan).get("sessionId") + "/roster").stream()
                .filter(b -> jordan.equals(b.get("clientId"))).findFirst().orElseThrow().get("current"))
                .isNotNull();
        screenshot("staff-roster");
        // next week's session of the series: on the roster, but nothing can be recorded for it yet
        browser.get(platform.webUi + "/staff/programs/" + program.id + "/roster?date=" + today.plusDays(7));
        String nextWeek = browser.findElement(By.xpath("//tr[th[normalize-space()='Jordan Rivera']]")).getText();
        assertThat(nextWeek).contains("Nothing to record yet");
        assertThat(browser.findElements(By.cssSelector("td.actions button"))).isEmpty();
        signOut();
    }

    @Test
    @Order(2)
    void theOfficersDashboardChangesWithoutReloadWhenAttendanceIsRecorded() throws Exception {
        // On the platform whose attendance-service takes times up to 8 days ahead as "now" (as ClinicDayBrowserTest's):
        // the first minutes of a session later today are recorded at once, not after waiting for the session to start.
        FrontDoorPlatform platform = FrontDoorPlatform.shared(RECORDING_AHEAD);
        Program program = new Program(platform);
        String sam = program.enrol("Sam Okafor", "1985-09-17");
        program.enrol("Jordan Rivera", "1990-04-02");
        String booking = program.book(program.sessionToday(), sam);
        Api attendance = new Api(platform.attendance, "staff", "iop-staff");
        // attendance-service learns of the booking from its SessionScheduled event
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> attendance.get("/api/bookings/" + booking + "/attendance") != null);

        signIn(platform, "officer", "iop-officer");
        By samRow = By.id("client-" + sam);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.get(platform.webUi + "/officer/programs/" + program.id);
            return !browser.findElements(samRow).isEmpty();
        });
        assertThat(browser.findElement(samRow).findElement(By.className("attended")).getText()).isEqualTo("0 h");
        wait.until(ExpectedConditions.attributeToBe(By.id("live-status"), "data-state", "open"));
        ((JavascriptExecutor) browser).executeScript("window.__sameDocument = 'yes';");
        String url = browser.getCurrentUrl();

        // staff record, through the API, Sam's first 47 minutes of the session while the officer just watches
        Map<String, Object> seat = new Api(platform.scheduling, "staff", "iop-staff").get("/api/bookings/" + booking);
        java.time.Instant start = java.time.Instant.parse((String) seat.get("startsAt"));
        int minutes = ((Number) attendance.post("/api/bookings/" + booking + "/attendance", Map.of(
                "checkedInAt", start.toString(), "checkedOutAt", start.plusSeconds(47 * 60).toString()))
                .get("attendedMinutes")).intValue();
        assertThat(minutes).isEqualTo(47);

        new PageWait(browser, Duration.ofSeconds(30)).until(d -> ("0 h " + minutes + " min").equals(
                d.findElement(samRow).findElement(By.className("attended")).getText()));
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__sameDocument;")).isEqualTo("yes");
        assertThat(browser.getCurrentUrl()).isEqualTo(url);
        screenshot("officer-dashboard");

        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("officer-dashboard-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // the CSV export link downloads the service's CSV through the front door
        String href = browser.findElement(By.id("export")).getAttribute("href");
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(href))
                .header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        assertThat(csv.body()).startsWith("program_id,client_id,week_start").contains(sam);

        // drill-down: the weekly trend chart and the sessions that counted
        browser.findElement(By.linkText("Sam Okafor")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trend-chart")));
        assertThat(browser.findElements(By.cssSelector("#trend-chart rect.bar"))).isNotEmpty();
        assertThat(browser.findElement(By.id("counted")).getText()).contains("Group").contains(minutes + " min");
        // per-day payer evidence: today's minutes, short of the 180-minute day; the PDF comes through the front door
        assertThat(browser.findElement(By.id("days")).getText()).contains(String.valueOf(minutes));
        assertThat(browser.findElement(By.id("status-rule")).getText()).startsWith("Status rule:");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(browser.findElement(By.id("evidence-pdf")).getAttribute("href")))
                .header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        screenshot("officer-client");
        signOut();
    }

    @Test
    @Order(3)
    void theMessagesPageListsTheEmailJordanWouldHaveReceived() {
        Program program = new Program();
        String jordan = program.enrol("Jordan Rivera", "1990-04-02");
        String email = "jordan." + jordan.substring(0, 8) + "@example.org";
        new Api(platform.notification, "staff", "iop-staff").put("/api/clients/" + jordan + "/contact", Map.of(
                "email", email, "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true), "language", "en"));
        // booked an hour before the session: every reminder is already due, so a confirmation goes out promptly
        program.book(program.sessionToday(), jordan);

        signIn("staff", "iop-staff");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.get(platform.webUi + "/messages");
            return browser.findElement(By.tagName("main")).getText().contains(email);
        });
        screenshot("messages");
        signOut();
    }

    @Test
    @Order(4)
    void aServicesFieldErrorsAppearBesideTheFieldsAndCancellingAsksFirst() {
        Program program = new Program();
        String sam = program.enrol("Sam Okafor", "1985-09-17");
        String session = program.sessionToday();
        String booking = program.book(session, sam);

        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/staff/programs/" + program.id + "/series/new?clientId=" + sam);
        browser.findElement(By.id("day-MONDAY")).click();
        setValue("weeks", "99");
        browser.findElement(By.id("preview-button")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("weeks-error")));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.findElement(By.id("weeks")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElements(By.id("preview"))).isEmpty();
        screenshot("staff-series-errors");

        // cancelling a booking takes a confirmation page with a reason; nothing changes before the confirm button
        Api scheduling = new Api(platform.scheduling, "staff", "iop-staff");
        browser.get(platform.webUi + "/staff/sessions/" + session);
        browser.findElement(By.xpath("//li[span[normalize-space()='Sam Okafor']]//a[contains(.,'Cancel')]")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cancel this booking?");
        assertThat(scheduling.get("/api/bookings/" + booking).get("status")).isEqualTo("BOOKED");
        screenshot("staff-cancel-confirm");
        browser.findElement(By.linkText("No, keep it")).click();
        assertThat(scheduling.get("/api/bookings/" + booking).get("status")).isEqualTo("BOOKED");
        signOut();
    }

    /** Words that would tell a reader of the client's page what the appointment is for (42 CFR Part 2). */
    private static final List<String> TREATMENT_WORDS = List.of("therap", "treatment", "clinic", "counsel", "rehab",
            "recovery", "addict", "substance", "alcohol", "drug", "mental", "psych", "outpatient", "iop", "intensive",
            "diagnos", "detox", "sober", "patient", "program", "relapse", "health", "group", "session");

    @Test
    @Order(5)
    void theClientOpensTheirLinkAndOptsOutOfTextMessages() throws Exception {
        Program program = new Program();
        String jordan = program.enrol("Jordan Rivera", "1990-04-02");
        Api notification = new Api(platform.notification, "staff", "iop-staff");
        notification.put("/api/clients/" + jordan + "/contact", Map.of("email", "jordan@example.org",
                "phone", "+12125550147", "channels", List.of("EMAIL", "SMS"),
                "consent", Map.of("EMAIL", true, "SMS", true), "quietHours", Map.of("start", "21:00", "end", "08:00"),
                "language", "en"));
        program.book(program.sessionToday(), jordan);
        String token = (String) notification.post("/api/clients/" + jordan + "/client-links", Map.of()).get("token");

        browser.manage().deleteAllCookies(); // no staff sign-in: the link alone opens the page
        browser.manage().window().setSize(new Dimension(390, 1180));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.get(platform.webUi + "/c/" + token); // notification-service learns of the booking by event
            return !browser.findElements(By.cssSelector("#appointments li")).isEmpty();
        });
        String page = browser.findElement(By.tagName("body")).getText();
        assertThat(page).contains("Upcoming appointments").contains("Riverside Center, 2nd floor")
                .doesNotContain("Jordan").doesNotContain("example.org").doesNotContain("2125550147");
        String plain = (page + " " + browser.getTitle()).toLowerCase(java.util.Locale.ROOT);
        for (String word : TREATMENT_WORDS) {
            assertThat(plain).as("the client's page must not say '%s'", word).doesNotContainPattern("\\b" + word);
        }
        assertThat(browser.findElement(By.id("sms")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("quietStart")).getAttribute("value")).isEqualTo("21:00");
        screenshot("client-page");

        // the calendar link works without cookies, as a calendar app would fetch it
        String feedUrl = browser.findElement(By.id("calendar-link")).getAttribute("href");
        HttpResponse<String> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(feedUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(feed.body()).contains("BEGIN:VEVENT").contains("SUMMARY:Appointment")
                .doesNotContainIgnoringCase("group");

        // opt out of texts with the keyboard alone: focus the box, space to untick, enter on the button
        WebElement sms = browser.findElement(By.id("sms"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].focus();", sms);
        sms.sendKeys(org.openqa.selenium.Keys.SPACE);
        assertThat(sms.isSelected()).isFalse();
        browser.findElement(By.id("save")).sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("p.notice"), "saved"));
        assertThat(browser.findElement(By.id("sms")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("email")).isSelected()).isTrue();
        screenshot("client-page-saved");
        browser.manage().window().setSize(new Dimension(1280, 900));
        Map<String, Object> contact = notification.get("/api/clients/" + jordan + "/contact");
        assertThat(contact.get("channels")).isEqualTo(List.of("EMAIL"));
        assertThat(contact.get("consent")).isEqualTo(Map.of("EMAIL", true, "SMS", false));

        // staff withdraw the client's links: the page now says so, with a 401
        notification.delete("/api/clients/" + jordan + "/client-links");
        browser.get(platform.webUi + "/c/" + token);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("This link is no longer valid");
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.webUi + "/c/" + token))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        screenshot("client-page-expired");
        // a made-up or mangled token gets the same page, never an error
        for (String bad : List.of("made-up", "has%20a%20space", token.substring(0, 50))) {
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.webUi + "/c/" + bad))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).as(bad).contains("no longer valid");
        }
    }

    @Test
    @Order(6)
    void namesWithMarkupRenderAsTextOnEveryPageThatShowsThem() {
        String evil = "<script>alert(1)</script> O'Brien & \"Co\"";
        Program program = new Program(evil, evil);
        String client = program.enrol(evil, "1990-04-02");
        String session = program.sessionToday();
        String booking = program.book(session, client);
        Api attendance = new Api(platform.attendance, "staff", "iop-staff");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> attendance.get("/api/bookings/" + booking + "/attendance") != null);

        signIn("admin", "iop-admin");
        for (String path : List.of("/staff/programs/" + program.id + "/week", "/staff/sessions/" + session,
                "/staff/programs/" + program.id + "/roster", "/officer/programs/" + program.id)) {
            browser.get(platform.webUi + path);
            assertRenderedAsText(path, evil);
        }
        signOut();

        Api notification = new Api(platform.notification, "staff", "iop-staff");
        String token = (String) notification.post("/api/clients/" + client + "/client-links", Map.of()).get("token");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.get(platform.webUi + "/c/" + token);
            return !browser.findElements(By.cssSelector("#appointments li")).isEmpty();
        });
        assertRenderedAsText("/c/{token}", evil); // the location label
    }

    @Test
    @Order(7)
    void pagesAnswerWithSecureHeadersAndScriptProofSessionCookies() throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(platform.webUi + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(login.headers().allValues("Set-Cookie")).allSatisfy(cookie -> assertThat(cookie)
                .contains("HttpOnly").contains("SameSite=Lax"));
        // the session cookie set at sign-in is out of scripts' reach too
        signIn("staff", "iop-staff");
        assertThat(browser.manage().getCookieNamed("JSESSIONID").isHttpOnly()).isTrue();
        signOut();
    }

    /** The text shows as typed; the markup never became an element, and no dialog opened. */
    private static void assertRenderedAsText(String page, String evil) {
        assertThat(browser.findElement(By.tagName("body")).getText()).as(page).contains(evil);
        assertThat(browser.getPageSource()).as(page)
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; O'Brien &amp; \"Co\"");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.scripts).filter(s => s.textContent.includes('alert(1)')).length;"))
                .as(page).isZero();
        assertThatNoException().as(page).isThrownBy(() -> {
            try {
                browser.switchTo().alert();
                throw new AssertionError("an alert dialog opened on " + page);
            } catch (org.openqa.selenium.NoAlertPresentException expected) {
                // as it should be
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> todaysSeat(String clientId) {
        Map<String, Object> page = new Api(platform.scheduling, "staff", "iop-staff")
                .get("/api/clients/" + clientId + "/schedule?from=" + today + "&to=" + today);
        return ((List<Map<String, Object>>) page.get("items")).get(0);
    }

    private static void signIn(String user, String password) {
        signIn(platform, user, password);
    }

    private static void signIn(FrontDoorPlatform on, String user, String password) {
        browser.manage().deleteAllCookies(); // a fresh visitor, whatever an earlier test left behind
        browser.get(on.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        if ("staff".equals(user) && !Files.exists(SCREENSHOTS.resolve("sign-in.png"))) {
            screenshot("sign-in");
        }
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }

    private static void signOut() {
        browser.findElement(By.cssSelector(".signout button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    private static void setValue(String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, value);
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
