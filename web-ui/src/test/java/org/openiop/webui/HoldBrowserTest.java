package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A seat held from a waitlist, in a real browser against the real services: a booked client cancels, the first
 * waiting client gets the hold and a text with their link; on their page they see the place with its deadline, accept
 * it, the page follows the booking by script until it is confirmed, and the appointment appears. axe-core on each
 * state of the page.
 */
class HoldBrowserTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static FrontDoorPlatform platform;
    static Chromium chromium;
    static WebDriver browser;
    static WebDriverWait wait;

    @RegisterExtension
    static final TestWatcher PAGE_ON_FAILURE = Chromium.pageOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start();
        browser = chromium.browser;
        wait = chromium.wait;
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
    void theFirstWaitingClientIsToldAndAcceptsTheHeldPlaceOnTheirPage() {
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        LocalDate thursday = LocalDate.now(NEW_YORK).with(TemporalAdjusters.next(DayOfWeek.THURSDAY));
        String program = (String) admin.post("/api/programs", Map.of("name", "Riverside program",
                "timeZone", NEW_YORK.getId(), "locationLabel", "Riverside Center", "phone", "+12125550100"))
                .get("id");
        String leaver = enrol(staff, program, "Lee Leaving", thursday);
        String fay = enrol(staff, program, "Fay Waiting", thursday);
        new Api(platform.notification, "staff", "iop-staff").put("/api/clients/" + fay + "/contact",
                Map.of("email", "fay@example.org", "channels", List.of("EMAIL"), "consent", Map.of("EMAIL", true),
                        "language", "en"));
        String session = (String) staff.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", thursday.toString(), "block", "EVENING", "capacity", 1)).get("id");
        String booking = (String) staff.post("/api/sessions/" + session + "/bookings", Map.of("clientId", leaver))
                .get("id");
        String entry = (String) staff.post("/api/sessions/" + session + "/waitlist", Map.of("clientId", fay))
                .get("id");
        staff.post("/api/bookings/" + booking + "/cancel", Map.of());
        assertThat(staff.get("/api/waitlist/" + entry).get("status")).isEqualTo("HELD");

        // the text: no treatment word, the deadline, their page's link
        Api messages = new Api(platform.notification, "staff", "iop-staff");
        Map<String, Object> text = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> messages.getList("/api/outbox/messages").stream()
                        .filter(m -> "fay@example.org".equals(m.get("to"))
                                && String.valueOf(m.get("subject")).startsWith("A place has opened"))
                        .findFirst().orElse(null), m -> m != null);
        String body = String.valueOf(text.get("body"));
        assertThat(body).contains("until");
        assertThat(body.toLowerCase()).doesNotContain("session", "group", "program", "therap", "treatment",
                "waitlist");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("/c/([A-Za-z0-9_-]+)").matcher(body);
        assertThat(link.find()).as(body).isTrue();

        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/c/" + link.group(1));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("holds")));
        assertThat(browser.findElement(By.id("hold-until-" + entry)).getText()).startsWith("Held for you until");
        assertThat(browser.findElement(By.id("holds")).getText()).contains("Riverside Center")
                .doesNotContainIgnoringCase("group").doesNotContainIgnoringCase("session");
        PageChecks.checkAndShoot(browser, "client-page-hold");
        browser.findElement(By.id("accept-hold-" + entry)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "booking this place"));
        org.openqa.selenium.JavascriptExecutor js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.stillThisDocument = true;");
        new PageWait(browser, Duration.ofSeconds(90), Duration.ofSeconds(1))
                .until(d -> !d.findElements(By.id("hold-booked-" + entry)).isEmpty());
        assertThat(js.executeScript("return window.stillThisDocument === true;"))
                .as("updated by script, not reloaded").isEqualTo(true);
        assertThat(browser.findElements(By.id("accept-hold-" + entry))).as("answered once").isEmpty();
        assertThat(staff.get("/api/waitlist/" + entry).get("status")).isEqualTo("BOOKED");
        assertThat(staff.get("/api/sessions/" + session).get("seatsUsed")).isEqualTo(1);
        // the booking's SessionScheduled travels on its own topic: it may reach the page a moment after the answer
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.id("appointments")).stream().anyMatch(a -> a.getText().contains("Thursday"));
        });
        PageChecks.checkAndShoot(browser, "client-page-hold-booked");
    }

    private static String enrol(Api staff, String program, String name, LocalDate day) {
        return (String) staff.post("/api/programs/" + program + "/enrolments", Map.of("displayName", name,
                "dateOfBirth", "1988-03-03", "admissionDate", day.minusWeeks(2).toString())).get("clientId");
    }
}
