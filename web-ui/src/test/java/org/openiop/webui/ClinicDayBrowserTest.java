package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.webui.PageChecks.checkAndShoot;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
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
 * More of a clinic's day in the browser, each role from its home page with only clicks and typing: the roster at the
 * end of a group (absence with a note, arrival and departure typed in, "mark all present", a cancelled booking still
 * listed and struck through). Every page passes axe-core at 1366x768 and 390x844 and is photographed for the README.
 *
 * <p>attendance-service runs with a day's clock allowance, so a session later today counts as over and its roster
 * can be completed without the test waiting for the session to end (as MakeupBrowserTest does).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // order only for readable reports: each test has its own data
class ClinicDayBrowserTest {

    @RegisterExtension
    static final TestWatcher PAGE_ON_FAILURE = Chromium.pageOnFailure(() -> ClinicDayBrowserTest.browser);

    static FrontDoorPlatform platform;
    static Chromium chromium;
    static WebDriver browser;
    static WebDriverWait wait;
    static ZoneId zone;
    static LocalDate today;

    @BeforeAll
    static void start() {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared("attendance.recording.clock-skew=8d");
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

    /** A program of the test's own, named uniquely so the switcher's search finds exactly it. */
    static final class Program {
        final Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        final Api staff = new Api(platform.scheduling, "staff", "iop-staff");
        final String suffix = UUID.randomUUID().toString().substring(0, 6);
        final String name;
        final String id;
        final String clinicianId;
        final String roomId;

        Program(String label) {
            this(label, DayOfWeek.MONDAY);
        }

        Program(String label, DayOfWeek weekStart) {
            name = label + " " + suffix;
            id = (String) admin.post("/api/programs", Map.of("name", name, "timeZone", zone.getId(),
                    "locationLabel", "Riverside Center, 2nd floor", "phone", "+12125550100",
                    "weekStart", weekStart.name())).get("id");
            clinicianId = (String) admin.post("/api/programs/" + id + "/clinicians",
                    Map.of("displayName", "Dr. Amara Chen")).get("id");
            roomId = (String) admin.post("/api/programs/" + id + "/rooms", Map.of("name", "Room 2B", "capacity", 12))
                    .get("id");
        }

        String enrol(String name, String born) {
            return (String) staff.post("/api/programs/" + id + "/enrolments", Map.of("displayName", name,
                    "dateOfBirth", born, "admissionDate", today.minusDays(20).toString())).get("clientId");
        }

        String session(LocalDate day, LocalTime start, LocalTime end) {
            return (String) staff.post("/api/programs/" + id + "/sessions", Map.of("type", "GROUP",
                    "date", day.toString(), "startTime", start.toString(), "endTime", end.toString(),
                    "capacity", 12, "clinicianId", clinicianId, "roomId", roomId)).get("id");
        }

        String book(String sessionId, String clientId) {
            return (String) staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId))
                    .get("id");
        }
    }

    @Test
    @Order(1)
    void staffCompleteAGroupsRosterAtTheEndOfTheSession() {
        Program program = new Program("Riverside afternoon group");
        LocalTime start = ZonedDateTime.now(zone).toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String session = program.session(today, start, start.plusHours(3));
        String ana = program.book(session, program.enrol("Ana Lopez", "1991-03-08"));
        String ben = program.book(session, program.enrol("Ben Adeyemi", "1987-07-21"));
        String cleo = program.book(session, program.enrol("Cleo Martin", "1995-12-02"));
        String eli = program.book(session, program.enrol("Eli Novak", "1979-05-30"));
        String dev = program.book(session, program.enrol("Dev Sharma", "1993-01-15"));
        program.staff.post("/api/bookings/" + dev + "/cancel", Map.of("reason", "CLIENT_REQUEST"));

        signIn("staff", "iop-staff");
        chooseProgram(program);
        browser.findElement(By.linkText("Open today's roster")).click();
        // attendance hears of the bookings (and the cancellation) through events: refresh until it has
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector("#booking-" + dev + ".struck"))).isNotEmpty();
            assertThat(browser.findElements(By.id("all-present-" + session))).isNotEmpty();
        });
        WebElement cancelled = row(dev);
        assertThat(cancelled.findElement(By.tagName("s")).getText()).isEqualTo("Dev Sharma");
        assertThat(cancelled.getText()).contains("Booking cancelled").doesNotContain("Record");

        // Ben called in sick: an unexcused absence with a note
        browser.findElement(By.id("absence-note-" + ben)).click();
        new Select(browser.findElement(By.id("reason-" + ben))).selectByVisibleText("Unexcused");
        browser.findElement(By.id("note-" + ben)).sendKeys("Called at 9, unwell");
        browser.findElement(By.id("record-absence-" + ben)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Absence recorded"));
        assertThat(row(ben).getText()).contains("Absent: Unexcused").contains("Note: Called at 9, unwell");

        // Cleo came late and left early, from the paper sign-in sheet: times swapped by mistake first
        browser.findElement(By.id("type-times-" + cleo)).click();
        typeTime("arrival-" + cleo, start.plusMinutes(50));
        typeTime("departure-" + cleo, start.plusMinutes(20));
        browser.findElement(By.id("record-times-" + cleo)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("departure-" + cleo + "-error")));
        WebElement departure = browser.findElement(By.id("departure-" + cleo));
        assertThat(departure.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id(departure.getDomAttribute("aria-describedby"))).getText())
                .isEqualTo("The departure must be after the arrival.");
        checkAndShoot(browser, "staff-roster-typed-times-error");
        typeTime("arrival-" + cleo, start.plusMinutes(20));
        typeTime("departure-" + cleo, start.plusMinutes(95));
        browser.findElement(By.id("record-times-" + cleo)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Arrival and departure recorded"));
        assertThat(row(cleo).getText()).contains("Attended 1 h 15 min");

        // everyone else attended the whole session: one click
        browser.findElement(By.id("all-present-" + session)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "2 clients marked present"));
        assertThat(row(ana).getText()).contains("Attended 3 h");
        assertThat(row(eli).getText()).contains("Attended 3 h");
        assertThat(row(ben).getText()).contains("Absent"); // not overwritten
        assertThat(browser.findElements(By.id("all-present-" + session))).isEmpty();
        assertThat(row(dev).getText()).contains("Booking cancelled");
        checkAndShoot(browser, "staff-roster-day-end");
    }

    @Test
    @Order(2)
    void theOfficerStepsThroughWeeksSeesALiveChangeAndTheCertificationsDue() {
        // weeks start on Sunday in this program (and on Monday elsewhere): navigation must follow the program
        Program program = new Program("Harbor Sunday-start program", DayOfWeek.SUNDAY);
        String alex = program.enrol("Alex Moreno", "1992-06-11");
        String bea = program.enrol("Bea Ortiz", "1989-10-03");
        LocalTime start = ZonedDateTime.now(zone).toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String seat = program.book(program.session(today, start, start.plusHours(3)), alex);
        Api certifications = new Api(platform.attendance, "staff", "iop-staff");
        certifications.post("/api/clients/" + alex + "/certifications", Map.of("programId", program.id,
                "certifiedOn", today.minusDays(50).toString(), "certifyingClinicianId", program.clinicianId,
                "periodStart", today.minusDays(50).toString(), "periodEnd", today.plusDays(10).toString()));
        certifications.post("/api/clients/" + bea + "/certifications", Map.of("programId", program.id,
                "certifiedOn", today.minusDays(70).toString(), "certifyingClinicianId", program.clinicianId,
                "periodStart", today.minusDays(70).toString(), "periodEnd", today.plusDays(20).toString()));
        LocalDate sunday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));

        signIn("officer", "iop-officer");
        browser.findElement(By.linkText("Choose the programs you oversee")).click();
        browser.findElement(By.id("program-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Clients at risk"));

        // certifications due across the officer's programs: Bea's ran out (every other month), Alex's runs out soon
        browser.findElement(By.linkText("Certifications due")).click();
        String due = browser.findElement(By.id("due")).getText();
        assertThat(due).contains("Alex Moreno").contains("In 10 days").contains("Bea Ortiz").contains("Overdue");
        assertThat(due.indexOf("Bea Ortiz")).isLessThan(due.indexOf("Alex Moreno")); // soonest first
        checkAndShoot(browser, "officer-certifications-due");
        new Select(browser.findElement(By.id("within"))).selectByVisibleText("7 days");
        browser.findElement(By.id("show-due")).click();
        wait.until(ExpectedConditions.urlContains("within=7"));
        assertThat(browser.findElement(By.id("due")).getText()).contains("Bea Ortiz").doesNotContain("Alex Moreno");

        // the program's week, then a week back and two forward: every week starts on a Sunday
        browser.findElement(By.linkText("At risk")).click();
        browser.findElement(By.linkText("This week's compliance")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/weeks/" + sunday);
        browser.findElement(By.linkText("← Previous week")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/weeks/" + sunday.minusWeeks(1));
        browser.findElement(By.linkText("Next week →")).click();
        browser.findElement(By.linkText("Next week →")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/weeks/" + sunday.plusWeeks(1));
        browser.findElement(By.linkText("This week")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/weeks/" + sunday);

        // a live update: Alex's attendance is recorded elsewhere; the table refreshes and marks Alex's row
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Live updates: on"));
        assertThat(browser.findElements(By.cssSelector(".changed"))).isEmpty();
        new Api(platform.attendance, "staff", "iop-staff").post("/api/bookings/" + seat + "/absence",
                Map.of("reason", "EXCUSED"));
        new PageWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#client-" + alex + ".changed")));
        assertThat(browser.findElements(By.cssSelector(".changed"))).hasSize(1);
        assertThat(browser.findElement(By.id("live-status")).getText()).contains("Alex Moreno updated");
        checkAndShoot(browser, "officer-live-change");

        // Alex's page steps a week at a time too, including weeks with nothing recorded
        browser.findElement(By.linkText("Alex Moreno")).click();
        browser.findElement(By.id("previous-week")).click();
        assertThat(browser.getCurrentUrl()).endsWith("week=" + sunday.minusWeeks(1));
        assertThat(browser.findElement(By.id("no-record")).getText()).contains("Nothing recorded");
        PageChecks.accessible(browser);
        browser.findElement(By.id("next-week")).click();
        assertThat(browser.getCurrentUrl()).endsWith("week=" + sunday);
        assertThat(browser.findElements(By.id("no-record"))).isEmpty();
        checkAndShoot(browser, "officer-client-weeks");
    }

    @Test
    @Order(3)
    void staffBookASeriesAroundAHolidayMoveAndCancelTheRestAndSeeWhatABookingClashesWith() {
        Program program = new Program("Northside series program");
        String robin = program.enrol("Robin Takahashi", "1983-11-05");
        String sam = program.enrol("Sam Okafor", "1985-09-17");
        LocalDate monday = today.plusWeeks(1).with(DayOfWeek.MONDAY);
        LocalDate tuesday = monday.plusDays(1);
        program.staff.post("/api/programs/" + program.id + "/closures", Map.of("firstDay",
                monday.plusDays(9).toString(), "reason", "Staff training day"));
        // where Robin's Mondays will move to: a morning group on the Tuesday of the first week
        String tuesdayGroup = (String) program.staff.post("/api/programs/" + program.id + "/sessions", Map.of(
                "type", "GROUP", "date", tuesday.toString(), "block", "MORNING", "capacity", 12)).get("id");
        // Sam is in another morning group that Tuesday
        String samsGroup = (String) program.staff.post("/api/programs/" + program.id + "/sessions", Map.of(
                "type", "GROUP", "date", tuesday.toString(), "block", "MORNING", "capacity", 12)).get("id");
        program.book(samsGroup, sam);

        signIn("staff", "iop-staff");
        chooseProgram(program);
        browser.findElement(By.linkText("Week board")).click();
        browser.findElement(By.linkText("New recurring series")).click();
        browser.findElement(By.id("q")).sendKeys("Robin");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#matches label"))).click();
        new Select(browser.findElement(By.id("block"))).selectByValue("MORNING");
        browser.findElement(By.id("startDate")).sendKeys(monday.format(java.time.format.DateTimeFormatter
                .ofPattern("MMddyyyy")));
        WebElement weeks = browser.findElement(By.id("weeks"));
        weeks.clear();
        weeks.sendKeys("3");
        browser.findElement(By.id("day-MONDAY")).click();
        browser.findElement(By.id("day-WEDNESDAY")).click();
        browser.findElement(By.id("preview-button")).click();
        // the holiday in the second week is called out before anything is booked
        String closed = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("closed-days"))).getText();
        assertThat(closed).contains("One day of this series falls on a holiday")
                .contains(monday.plusDays(9).format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMM",
                        java.util.Locale.ENGLISH)) + " — The program is closed: Staff training day");
        checkAndShoot(browser, "staff-series-preview-holiday");
        browser.findElement(By.id("commit-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));

        // Robin's first Monday moves to the Tuesday group, and the rest of the series with it
        browser.findElement(By.linkText("Clients")).click();
        browser.findElement(By.linkText("Robin Takahashi")).click();
        browser.findElement(By.id("upcoming")).findElement(By.linkText("Reschedule…")).click();
        assertThat(browser.findElement(By.id("scope")).getText()).contains("This session only");
        new Select(browser.findElement(By.id("sessionId"))).selectByValue(tuesdayGroup);
        browser.findElement(By.id("scope-following")).click();
        checkAndShoot(browser, "staff-move-series-booking");
        browser.findElement(By.cssSelector("form.stack button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "From the next week the series meets on Tuesday instead of Monday"));
        String seriesId = (String) program.staff.getList("/api/clients/" + robin + "/series").get(0).get("id");
        @SuppressWarnings("unchecked")
        java.util.List<Map<String, Object>> rules = (java.util.List<Map<String, Object>>) program.staff
                .get("/api/series/" + seriesId).get("rules");
        assertThat((String) rules.get(rules.size() - 1).get("rrule")).contains("TU").contains("WE").doesNotContain("MO");

        // the Tuesday group: Robin is not offered again; Sam is, but clashes with the group Sam is already in
        browser.findElement(By.id("q")).sendKeys("o"); // matches both Robin and Sam Okafor
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=o"));
        assertThat(browser.findElement(By.id("already-booked")).getText()).contains("One matching client");
        assertThat(browser.findElement(By.id("matches")).getText()).contains("Sam Okafor")
                .doesNotContain("Robin Takahashi");
        browser.findElement(By.cssSelector("#matches label")).click();
        browser.findElement(By.id("book")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clash")));
        String clash = browser.findElement(By.id("clash")).getText();
        assertThat(clash).startsWith("Sam Okafor is already booked into the group session of " + day(tuesday))
                .contains("which overlaps this one");
        checkAndShoot(browser, "staff-booking-clash");
        browser.findElement(By.linkText("Open that session")).click();
        assertThat(browser.getCurrentUrl()).endsWith("/staff/sessions/" + samsGroup);

        // from the third week on, the series is cancelled: this and the following sessions
        browser.findElement(By.linkText("Clients")).click();
        browser.findElement(By.linkText("Robin Takahashi")).click();
        browser.findElement(By.xpath("//ul[@id='upcoming']/li[contains(., '" + day(tuesday.plusWeeks(2))
                + "')]//a[contains(., 'Cancel')]")).click();
        browser.findElement(By.id("scope-following")).click();
        new Select(browser.findElement(By.id("reason"))).selectByVisibleText("Client request");
        checkAndShoot(browser, "staff-cancel-series-following");
        browser.findElement(By.id("confirm-cancel")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "This and the following sessions of the series are cancelled (2)"));
    }

    @Test
    @Order(4)
    void theAdminKeepsCliniciansRoomsAndRemindersAndStaffRecordAClientsContactAndConsent() {
        Program program = new Program("Lakeside staffing program");
        String casey = program.enrol("Casey Lindqvist", "1988-02-14");
        signIn("admin", "iop-admin");
        browser.findElement(By.id("admin-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        browser.findElement(By.linkText("Clinicians and rooms")).click();
        assertThat(browser.findElement(By.id("name-" + program.clinicianId)).getDomProperty("value"))
                .isEqualTo("Dr. Amara Chen");

        // a clinician without a name is refused beside the field; then added
        browser.findElement(By.id("save-clinician")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("displayName-error")));
        WebElement name = browser.findElement(By.id("displayName"));
        assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id(name.getDomAttribute("aria-describedby"))).getText())
                .isEqualTo("Please fill this in.");
        browser.findElement(By.id("displayName")).sendKeys("Dr. Luis Ortega");
        browser.findElement(By.id("save-clinician")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Clinician added"));
        // Dr. Chen leaves: out of use, kept on past sessions
        browser.findElement(By.id("active-" + program.clinicianId)).click();
        browser.findElement(By.id("save-" + program.clinicianId)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "(not in use)"));
        assertThat(browser.findElement(By.id("active-" + program.clinicianId)).isSelected()).isFalse();
        // a new room, and Room 2B gets more seats
        browser.findElement(By.id("name")).sendKeys("Garden room");
        browser.findElement(By.id("capacity")).sendKeys("8");
        browser.findElement(By.id("save-room")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Room added"));
        WebElement seats = browser.findElement(By.id("seats-" + program.roomId));
        seats.clear();
        seats.sendKeys("14");
        browser.findElement(By.id("save-room-" + program.roomId)).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Saved Room 2B"));
        assertThat(browser.findElements(By.cssSelector("#rooms input[name=name]")).stream()
                .map(e -> e.getDomProperty("value")).toList()).contains("Garden room", "Room 2B");
        assertThat(browser.findElements(By.cssSelector("#clinicians input[name=displayName]")).stream()
                .map(e -> e.getDomProperty("value")).toList()).contains("Dr. Luis Ortega");
        assertThat(browser.findElement(By.id("seats-" + program.roomId)).getDomProperty("value")).isEqualTo("14");
        checkAndShoot(browser, "admin-clinicians-rooms");
        Map<String, Object> clinician = program.admin.get("/api/clinicians/" + program.clinicianId);
        assertThat(clinician.get("active")).isEqualTo(false);

        // the program's reminders: two before each session, and an officer's address typed wrong first
        browser.findElement(By.linkText("Programs & settings")).click();
        browser.findElement(By.id("admin-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        browser.findElement(By.linkText("Reminders")).click();
        WebElement hours = browser.findElement(By.id("reminderHours"));
        hours.clear();
        hours.sendKeys("48, 2.5");
        browser.findElement(By.id("officerEmails")).clear();
        browser.findElement(By.id("officerEmails")).sendKeys("officer.example.org");
        browser.findElement(By.id("save-reminders")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("officerEmails-error")));
        WebElement officers = browser.findElement(By.id("officerEmails"));
        assertThat(officers.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("officerEmails-error")).getText()).contains("not an email address");
        checkAndShoot(browser, "admin-reminders-errors");
        officers.clear();
        officers.sendKeys("officer@example.org");
        new Select(browser.findElement(By.id("complianceAlertMode"))).selectByVisibleText("Once a day, as a digest");
        browser.findElement(By.id("save-reminders")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Reminder settings saved"));
        assertThat(browser.findElement(By.id("reminderHours")).getDomProperty("value")).isEqualTo("48, 2.5");
        Map<String, Object> settings = new Api(platform.notification, "admin", "iop-admin")
                .get("/api/programs/" + program.id + "/notification-settings");
        assertThat(settings.get("reminderOffsets")).asList().containsExactly("PT48H", "PT2H30M");
        assertThat(settings.get("officerEmails")).asList().containsExactly("officer@example.org");

        // a new program from the admin's home page: a phone number in the wrong form is refused beside it
        browser.findElement(By.linkText("Programs & settings")).click();
        browser.findElement(By.id("new-program")).click();
        String newName = "Eastside program " + UUID.randomUUID().toString().substring(0, 6); // not found by the suffix
        browser.findElement(By.id("name")).sendKeys(newName);
        browser.findElement(By.id("timeZone")).sendKeys(zone.getId());
        browser.findElement(By.id("locationLabel")).sendKeys("Eastside Clinic, ground floor");
        browser.findElement(By.id("phone")).sendKeys("212 555 0100");
        browser.findElement(By.id("create-program")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("phone-error")));
        assertThat(browser.findElement(By.id("phone")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("phone-error")).getText()).contains("+12125550100");
        checkAndShoot(browser, "admin-new-program-errors");
        browser.findElement(By.id("phone")).clear();
        browser.findElement(By.id("phone")).sendKeys("+12125550100");
        browser.findElement(By.id("create-program")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), newName + " is created"));

        // staff record Casey's contact and consent on the chart: email chosen without an address first
        signIn("staff", "iop-staff");
        chooseProgram(program);
        browser.findElement(By.linkText("Clients")).click();
        browser.findElement(By.linkText("Casey Lindqvist")).click();
        browser.findElement(By.id("edit-contact")).click();
        browser.findElement(By.id("channel-EMAIL")).click();
        browser.findElement(By.id("consent-EMAIL")).click();
        browser.findElement(By.id("save-contact")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("email-error")));
        WebElement email = browser.findElement(By.id("email"));
        assertThat(email.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("email-error")).getText()).isNotBlank().doesNotContain("EMAIL");
        checkAndShoot(browser, "staff-contact-errors");
        browser.findElement(By.id("email")).sendKeys("casey@example.org");
        browser.findElement(By.id("save-contact")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Contact details and consent saved"));
        assertThat(browser.findElement(By.id("contact")).getText()).contains("casey@example.org")
                .contains("Yes, consented");
        assertThat(new Api(platform.notification, "staff", "iop-staff").get("/api/clients/" + casey + "/contact")
                .get("consent")).isEqualTo(Map.of("EMAIL", true, "SMS", false));

        // a certification of need, without its clinician first; then the name corrected; then the messages page
        browser.findElement(By.id("record-certification")).click();
        browser.findElement(By.id("certifiedOn")).sendKeys(usDate(today.minusDays(3)));
        browser.findElement(By.id("periodStart")).sendKeys(usDate(today.minusDays(3)));
        browser.findElement(By.id("periodEnd")).sendKeys(usDate(today.plusDays(57)));
        browser.findElement(By.id("save-certification")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("certifyingClinicianId-error")));
        assertThat(browser.findElement(By.id("certifyingClinicianId")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.id("certifyingClinicianId-error")).getText()).isEqualTo("Please fill this in.");
        checkAndShoot(browser, "staff-certification-errors");
        new Select(browser.findElement(By.id("certifyingClinicianId"))).selectByVisibleText("Dr. Luis Ortega");
        browser.findElement(By.id("save-certification")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "re-certify by"));
        browser.findElement(By.id("edit-details")).click();
        WebElement fullName = browser.findElement(By.id("displayName"));
        fullName.clear();
        fullName.sendKeys("Casey Lindqvist-Ahn");
        browser.findElement(By.id("save-details")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Casey Lindqvist-Ahn"));
        browser.findElement(By.id("client-messages")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Casey Lindqvist-Ahn");
        PageChecks.accessible(browser);
    }

    @Test
    @Order(5)
    void staticAssetsAreFingerprintedCachedForAYearCompressedAndThereIsAFavicon() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(platform.webUi + "/login"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher css = java.util.regex.Pattern.compile("href=\"(/css/app-[0-9a-f]{32}\\.css)\"")
                .matcher(login);
        assertThat(css.find()).as("the page links the stylesheet by a content-hashed name:%n%s", login).isTrue();
        assertThat(login).containsPattern("src=\"/js/app-[0-9a-f]{32}\\.js\"");
        java.net.http.HttpResponse<byte[]> sheet = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.webUi + css.group(1))).header("Accept-Encoding", "gzip").build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(sheet.statusCode()).isEqualTo(200);
        assertThat(sheet.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000")
                .contains("public");
        assertThat(sheet.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String unzipped = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(sheet.body()))
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(unzipped).contains(".inline-fields");
        assertThat(sheet.body().length).isLessThan(unzipped.length());
        java.net.http.HttpResponse<byte[]> icon = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(platform.webUi + "/favicon.ico")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(java.util.Arrays.copyOf(icon.body(), 4)).containsExactly(0, 0, 1, 0); // an ICO header
        assertThat(login).contains("rel=\"icon\"");
    }

    @Test
    @Order(6)
    void bookingTheRosterAndAClientsSettingsWorkByKeyboardAlone() {
        Program program = new Program("Keyboard program");
        LocalTime start = ZonedDateTime.now(zone).toLocalTime().plusHours(1).truncatedTo(ChronoUnit.MINUTES);
        String session = program.session(today, start, start.plusHours(3));
        String ana = program.enrol("Ana Lopez", "1991-03-08");
        program.enrol("Ben Adeyemi", "1987-07-21");
        String anasSeat = program.book(session, ana);

        // sign in and choose the program: typing, Tab and Enter only
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        tabTo(By.id("username"));
        keys("staff", Keys.TAB, "iop-staff", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
        if (!browser.findElement(By.tagName("h1")).getText().equals("Choose a program")) {
            tabTo(By.id("switch-program"));
            keys(Keys.ENTER);
        }
        tabTo(By.id("program-q"));
        keys(program.suffix, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        tabTo(By.cssSelector("#found-programs button"));
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Today"));

        // booking: from today's session, find Ben by name, choose him with Space, book with Enter
        tabTo(By.cssSelector("a[href='/staff/sessions/" + session + "']"));
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("book")));
        tabTo(By.id("q"));
        keys("Ben", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("q=Ben"));
        tabTo(By.id("client-0"));
        keys(Keys.SPACE);
        assertThat(browser.findElement(By.id("client-0")).isSelected()).isTrue();
        tabTo(By.id("book"));
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Booked Ben Adeyemi"));
        PageChecks.accessible(browser);

        // the roster: Ben absent with a note (the details opened with Enter, the reason chosen with arrow keys),
        // then everyone else present
        tabTo(By.linkText("Today"));
        keys(Keys.ENTER);
        tabTo(By.linkText("Open today's roster"));
        keys(Keys.ENTER);
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector("[id^=absence-note-]"))).hasSize(2);
        });
        String ben = browser.findElements(By.cssSelector("[id^=absence-note-]")).stream()
                .map(e -> e.getDomAttribute("id").substring("absence-note-".length()))
                .filter(id -> !id.equals(anasSeat)).findFirst().orElseThrow();
        tabTo(By.id("absence-note-" + ben));
        keys(Keys.ENTER);
        tabTo(By.id("reason-" + ben));
        keys(Keys.ARROW_DOWN);
        tabTo(By.id("note-" + ben));
        keys("Family emergency");
        tabTo(By.id("record-absence-" + ben));
        keys(Keys.SPACE);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Absence recorded"));
        assertThat(row(ben).getText()).contains("Absent: Unexcused").contains("Family emergency");
        tabTo(By.id("all-present-" + session));
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "marked present"));
        assertThat(row(anasSeat).getText()).contains("Attended 3 h");
        PageChecks.accessible(browser);

        // a client's settings: Ana's contact details and consent to email reminders
        tabTo(By.linkText("Clients"));
        keys(Keys.ENTER);
        tabTo(By.linkText("Ana Lopez"));
        keys(Keys.ENTER);
        tabTo(By.id("edit-contact"));
        keys(Keys.ENTER);
        tabTo(By.id("email"));
        keys("ana@example.org");
        tabTo(By.id("channel-EMAIL"));
        keys(Keys.SPACE);
        tabTo(By.id("consent-EMAIL"));
        keys(Keys.SPACE);
        PageChecks.accessible(browser);
        tabTo(By.id("save-contact"));
        keys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Contact details and consent saved"));
        assertThat(browser.findElement(By.id("contact")).getText()).contains("ana@example.org")
                .contains("Yes, consented");
    }

    /** Presses Tab until the element has the focus (a mouse-free user's way there); fails if it never does. */
    private static void tabTo(By target) {
        chromium.tabTo(target);
    }

    private static void keys(CharSequence... keys) {
        chromium.keys(keys);
    }

    /** A date as typed into a date field in an en-US browser. */
    private static String usDate(LocalDate date) {
        return date.format(java.time.format.DateTimeFormatter.ofPattern("MMddyyyy"));
    }

    private static String day(LocalDate date) {
        return date.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM", java.util.Locale.ENGLISH));
    }

    static WebElement row(String bookingId) {
        return browser.findElement(By.id("booking-" + bookingId));
    }

    /**
     * Series-wide waitlist (issue 17): a series whose Monday and Wednesday groups are full; staff put the client on
     * the waitlist of both from the series page in one click, see the days listed with their place, and a seat freed
     * on Monday shows as held for the client.
     */
    @Test
    @Order(7)
    void staffWaitlistASeriesFullDaysFromTheSeriesPage() {
        Program program = new Program("Westside waitlist program");
        LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.MONDAY));
        String mondayGroup = smallGroup(program, monday);
        String wednesdayGroup = smallGroup(program, monday.plusDays(2));
        String filler = program.book(mondayGroup, program.enrol("Fay Filler", "1980-01-01"));
        program.book(wednesdayGroup, program.enrol("Gus Filler", "1981-01-01"));
        String robin = program.enrol("Robin Waits", "1990-05-05");
        String seriesId = (String) program.staff.post("/api/programs/" + program.id + "/series", Map.of(
                "clientId", robin, "type", "GROUP", "startTime", "17:00", "endTime", "19:00",
                "startDate", monday.toString(), "daysOfWeek", java.util.List.of("MONDAY", "WEDNESDAY", "FRIDAY"),
                "weeks", 1)).get("seriesId");

        signIn("staff", "iop-staff");
        browser.get(platform.webUi + "/staff/series/" + seriesId);
        assertThat(browser.findElements(By.id("series-waitlist"))).isEmpty();
        browser.findElement(By.id("waitlist-series")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "Waitlisted for 2 full days."));
        java.util.List<WebElement> rows = browser.findElements(By.cssSelector("#series-waitlist tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(r -> assertThat(r.getText()).contains("Waiting"));
        checkAndShoot(browser, "staff-series-waitlist");

        // a second click adds nothing: the database keeps one open place per client and session
        browser.findElement(By.id("waitlist-series")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"),
                "2 days were already on the waitlist."));
        assertThat(browser.findElements(By.cssSelector("#series-waitlist tbody tr"))).hasSize(2);

        // Monday's seat frees: it is held for Robin, and the series page says so
        program.staff.post("/api/bookings/" + filler + "/cancel", Map.of());
        browser.navigate().refresh();
        assertThat(browser.findElements(By.cssSelector("#series-waitlist tbody tr")).get(0).getText())
                .contains("Seat held until");
        browser.findElement(By.cssSelector("#series-waitlist tbody tr a")).click();
        wait.until(ExpectedConditions.urlContains("/staff/sessions/" + mondayGroup + "/waitlist"));
    }

    /** An admin lets a program's clients attend a sibling program from the program's settings. */
    @Test
    @Order(8)
    void adminsChooseSiblingProgramsInTheSettings() {
        Program home = new Program("Eastside home program");
        Program sibling = new Program("Eastside sibling program");
        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/admin/programs/" + home.id + "/settings");
        browser.findElement(By.id("sibling-programs")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("save-siblings")));
        browser.findElement(By.id("q")).sendKeys(sibling.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + sibling.suffix));
        assertThat(browser.findElements(By.id("sibling-" + home.id))).as("not its own sibling").isEmpty();
        browser.findElement(By.id("sibling-" + sibling.id)).click();
        browser.findElement(By.id("save-siblings")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), sibling.name));
        assertThat(browser.findElement(By.id("sibling-" + sibling.id)).isSelected()).isTrue();
        checkAndShoot(browser, "admin-sibling-programs");
        assertThat(home.staff.get("/api/programs/" + home.id + "/siblings").toString()).contains(sibling.id);
    }

    private static String smallGroup(Program program, LocalDate day) {
        return (String) program.staff.post("/api/programs/" + program.id + "/sessions", Map.of("type", "GROUP",
                "date", day.toString(), "startTime", "17:00", "endTime", "19:00", "capacity", 1)).get("id");
    }

    /** Types a time into a time field as a person does: the digits of the hour and minute, then AM or PM. */
    static void typeTime(String id, LocalTime time) {
        WebElement field = browser.findElement(By.id(id));
        field.clear(); // focus then lands on the hour, wherever a click would have landed
        int hour = time.getHour() % 12 == 0 ? 12 : time.getHour() % 12;
        field.sendKeys(String.format("%02d%02d%s", hour, time.getMinute(), time.getHour() < 12 ? "A" : "P"));
    }

    /** The staff home page's program switcher: the program found by its unique name part and chosen. */
    static void chooseProgram(Program program) {
        if (!browser.findElement(By.tagName("h1")).getText().equals("Choose a program")) {
            browser.findElement(By.id("switch-program")).click();
        }
        browser.findElement(By.id("program-q")).sendKeys(program.suffix);
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        wait.until(ExpectedConditions.urlContains("q=" + program.suffix));
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        // the home page of the chosen program, before anything else is clicked (a busy machine answers slowly)
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".switcher"), program.name));
    }

    static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }
}
