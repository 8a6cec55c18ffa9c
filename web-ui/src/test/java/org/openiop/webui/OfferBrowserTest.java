package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Make-up offers in a real browser against the real services: staff send an AT_RISK week's options to the client;
 * the client gets a text with their link, opens their page, chooses a time, the page follows the booking until it
 * is confirmed (by script, in place), and the appointment appears; staff see the offer accepted. Every page passes
 * axe-core.
 */
class OfferBrowserTest {

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
    void staffSendTheWeeksOptionsAndTheClientChoosesOneOnTheirPage() {
        String program = program();
        String dana = enrol(program, "Dana Offer");
        new Api(platform.notification, "staff", "iop-staff").put("/api/clients/" + dana + "/contact",
                Map.of("email", "dana@example.org", "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true),
                        "language", "en"));
        attend(session(program, monday, "MORNING", 8), dana, 9);
        attend(session(program, monday, "EVENING", 8), dana, 18);
        String wednesday = session(program, monday.plusDays(2), "MORNING", 8);
        session(program, monday.plusDays(3), "EVENING", 8);
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> atRisk(officer, dana));

        // officers see the options but do not send them; a user who also holds STAFF does
        signIn("officer", "iop-officer");
        browser.get(platform.webUi + "/officer/clients/" + dana + "/makeup?week=" + monday);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("options")));
        assertThat(browser.findElements(By.id("send-offer"))).isEmpty();
        signOut();
        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/officer/clients/" + dana + "/makeup?week=" + monday);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("options")));
        PageChecks.accessible(browser);
        browser.findElement(By.id("send-offer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Sent the options"));
        assertThat(browser.findElement(By.id("offer-status")).getText()).contains("waiting for the client's choice");
        assertThat(browser.findElements(By.id("send-offer"))).as("one open offer at a time").isEmpty();
        PageChecks.checkAndShoot(browser, "staff-makeup-offer-sent");
        signOut();

        // the client's text: no treatment word, their page's link
        Api messages = new Api(platform.notification, "staff", "iop-staff");
        Map<String, Object> text = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> messages.getList("/api/outbox/messages").stream()
                        .filter(m -> "dana@example.org".equals(m.get("to"))
                                && String.valueOf(m.get("subject")).startsWith("New appointment times"))
                        .findFirst().orElse(null), m -> m != null);
        String body = String.valueOf(text.get("body"));
        assertThat(body.toLowerCase()).doesNotContain("session", "group", "program", "therap", "treatment");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/c/([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();

        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/c/" + link.group(1));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("offers")));
        assertThat(browser.findElements(By.cssSelector("#offers .offer-options > li"))).hasSize(2);
        assertThat(browser.findElement(By.id("offers")).getText()).doesNotContainIgnoringCase("group");
        PageChecks.checkAndShoot(browser, "client-page-offer");
        browser.findElement(By.id("choose-1")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "booking the time you chose"));
        // The page follows the booking by script (fetch + update in place), not by reloading: a marker set on this
        // document survives until the answer is shown.
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.stillThisDocument = true;");
        assertThat(browser.getPageSource()).as("without script, a meta refresh reloads the page")
                .containsPattern("<noscript>\\s*<meta http-equiv=\"refresh\" content=\"3\">");
        try {
            new PageWait(browser, Duration.ofSeconds(120), Duration.ofSeconds(1))
                    .until(d -> !d.findElements(By.cssSelector("[id^=offer-booked-]")).isEmpty());
            assertThat(js.executeScript("return window.stillThisDocument === true;"))
                    .as("updated by script, not reloaded").isEqualTo(true);
        } catch (org.openqa.selenium.TimeoutException e) {
            List<Map<String, Object>> offers = staff.getList("/api/clients/" + dana + "/makeup-offers");
            String reminders;
            try {
                reminders = String.valueOf(messages.getList("/api/bookings/" + bookingOf(offers) + "/reminders"));
            } catch (RuntimeException unknown) {
                reminders = "booking unknown to notification-service (" + unknown.getMessage() + ")";
            }
            throw new AssertionError("not booked; the page says: " + browser.findElement(By.tagName("main")).getText()
                    + "; scheduling has " + offers + "; notification's reminders of the booking: " + reminders, e);
        }
        // the booking's SessionScheduled travels on its own topic: it may reach the page a moment after the answer
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.id("appointments")).stream().anyMatch(a -> a.getText().contains("Wednesday"));
        });
        PageChecks.checkAndShoot(browser, "client-page-offer-booked");

        assertThat(staff.get("/api/sessions/" + wednesday).get("seatsUsed")).isEqualTo(1);
        signIn("officer", "iop-officer");
        browser.get(platform.webUi + "/officer/clients/" + dana + "/makeup?week=" + monday);
        assertThat(browser.findElement(By.id("offer-status")).getText()).contains("the client chose option 1: booked");
        signOut();
    }

    /**
     * An admin turns on the program's automatic offers on the settings page; a user holding only STAFF opens a
     * client-week's make-up page, sends the options and withdraws them: the client's page (open meanwhile) refuses the
     * choice with a plain message and no longer shows the offer.
     */
    @Test
    void adminsSetAutomaticOffersAndStaffWithdrawAnOfferTheClientNoLongerSees() {
        String automatic = program();
        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/admin/programs/" + automatic + "/settings");
        browser.findElement(By.id("makeup-settings")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("automaticOffers")));
        assertThat(browser.findElement(By.id("automaticOffers")).isSelected()).as("off unless set").isFalse();
        browser.findElement(By.id("automaticOffers")).click();
        browser.findElement(By.id("save-makeup")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "automatically"));
        assertThat(browser.findElement(By.id("automaticOffers")).isSelected()).isTrue();
        PageChecks.checkAndShoot(browser, "admin-makeup-settings");
        assertThat(staff.get("/api/programs/" + automatic + "/makeup-settings").get("automaticOffers")).isEqualTo(true);
        signOut();

        String program = program();
        String eli = enrol(program, "Eli Withdrawn");
        new Api(platform.notification, "staff", "iop-staff").put("/api/clients/" + eli + "/contact",
                Map.of("email", "eli@example.org", "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true),
                        "language", "en"));
        attend(session(program, monday, "MORNING", 8), eli, 9);
        attend(session(program, monday, "EVENING", 8), eli, 18);
        session(program, monday.plusDays(2), "MORNING", 8);
        Api officer = new Api(platform.attendance, "officer", "iop-officer");
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> atRisk(officer, eli));

        // plain staff (no officer role) open the make-up page and send the options
        signIn("staff", "iop-staff");
        browser.get(platform.webUi + "/officer/clients/" + eli + "/makeup?week=" + monday);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("options")));
        browser.findElement(By.id("send-offer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Sent the options"));
        String staffWindow = browser.getWindowHandle();

        Api messages = new Api(platform.notification, "staff", "iop-staff");
        Map<String, Object> text = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> messages.getList("/api/outbox/messages").stream()
                        .filter(m -> "eli@example.org".equals(m.get("to"))).findFirst().orElse(null), m -> m != null);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/c/([A-Za-z0-9_-]+)")
                .matcher(String.valueOf(text.get("body")));
        assertThat(link.find()).isTrue();
        browser.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        String clientWindow = browser.getWindowHandle();
        browser.get(platform.webUi + "/c/" + link.group(1));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("choose-1")));

        browser.switchTo().window(staffWindow);
        browser.navigate().refresh();
        browser.findElement(By.id("withdraw-offer")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Withdrew the offer"));
        assertThat(browser.findElement(By.id("offer-status")).getText()).contains("withdrawn");
        assertThat(browser.findElements(By.id("send-offer"))).as("a new offer may be sent").isNotEmpty();
        PageChecks.checkAndShoot(browser, "staff-makeup-offer-withdrawn");

        // the client's page, still showing the offer, refuses the choice once notification-service has the news
        browser.switchTo().window(clientWindow);
        String token = link.group(1);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> !http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.webUi + "/c/" + token)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains("id=\"offers\""));
        browser.findElement(By.id("choose-1")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "withdrawn"));
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page).contains("These times were withdrawn: please call us to find another time");
        String plain = java.text.Normalizer.normalize(page, java.text.Normalizer.Form.NFD).toLowerCase();
        for (String word : List.of("therap", "treatment", "session", "group", "program", "clinic", "patient")) {
            assertThat(plain).as("no treatment word on the client's page").doesNotContain(word);
        }
        assertThat(browser.findElements(By.id("offers"))).isEmpty();
        PageChecks.checkAndShoot(browser, "client-page-offer-withdrawn");
        browser.close();
        browser.switchTo().window(staffWindow);
        signOut();
    }

    @SuppressWarnings("unchecked")
    private static String bookingOf(List<Map<String, Object>> offers) {
        return offers.stream().flatMap(o -> ((List<Map<String, Object>>) o.get("options")).stream())
                .flatMap(o -> ((List<Map<String, Object>>) o.get("sessions")).stream())
                .map(x -> (String) x.get("bookingId")).filter(java.util.Objects::nonNull).findFirst().orElse("none");
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
}
