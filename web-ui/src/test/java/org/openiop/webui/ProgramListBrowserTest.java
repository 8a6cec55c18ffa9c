package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 20: with more programs than any one service page holds (205 here; the landing pages fetched {@code size=200}
 * once and left the rest unreachable), the program switcher and the admin landing page reach every program, by
 * walking next/previous pages and by searching its name, in a real browser against the real services.
 */
class ProgramListBrowserTest {

    private static final int PROGRAMS = 205;

    private static FrontDoorPlatform platform;
    private static WebDriver browser;
    private static Chromium chromium;
    private static WebDriverWait wait;
    /** A word only this run's programs carry, so the searches below see nothing else. */
    private static final String TAG = "Lake" + UUID.randomUUID().toString().substring(0, 6);
    private static List<String> names;

    @BeforeAll
    static void start() throws IOException {
        Chromium.assumeInstalled();
        platform = FrontDoorPlatform.shared();
        chromium = Chromium.start(new org.openqa.selenium.Dimension(1280, 900), Duration.ofSeconds(30));
        browser = chromium.browser;
        wait = chromium.wait;
        Api admin = new Api(platform.scheduling, "admin", "iop-admin");
        names = IntStream.rangeClosed(1, PROGRAMS).mapToObj(i -> TAG + " site " + String.format("%03d", i)).toList();
        for (String name : names) {
            admin.post("/api/programs", Map.of("name", name, "timeZone", "America/New_York",
                    "locationLabel", "Floor " + name.substring(name.length() - 3), "phone", "+12125550100"));
        }
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
    void theSwitcherReachesEveryProgramPageByPageAndByName() {
        signIn("staff", "iop-staff");
        browser.get(platform.webUi + "/programs?q=" + TAG);
        Set<String> seen = new LinkedHashSet<>();
        int pages = 0;
        while (true) {
            pages++;
            browser.findElements(By.cssSelector("#found-programs h3")).forEach(h -> seen.add(h.getText()));
            if (pages == 6) {
                PageChecks.accessible(browser); // a middle page, with both links of the pager
                assertThat(pager()).extracting(WebElement::getText)
                        .containsExactly("← Previous page", "Next page →");
            }
            List<WebElement> next = browser.findElements(By.linkText("Next page →"));
            if (next.isEmpty()) {
                break;
            }
            next.get(0).click();
            wait.until(Chromium.gone(next.get(0)));
        }
        assertThat(pages).isEqualTo((PROGRAMS + 19) / 20);
        assertThat(seen).containsExactlyElementsOf(names); // every program, in name order, each once
        assertThat(browser.findElement(By.cssSelector("body")).getText()).contains("Page 11 of 11");

        browser.findElement(By.linkText("← Previous page")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"), "Page 10 of 11"));
        assertThat(browser.findElement(By.cssSelector("#found-programs h3")).getText()).isEqualTo(names.get(180));

        // the last one by name, then work in it
        WebElement q = browser.findElement(By.id("program-q"));
        q.clear();
        q.sendKeys(TAG + " site 205");
        q.submit();
        wait.until(ExpectedConditions.urlContains("site+205"));
        assertThat(browser.findElements(By.cssSelector("#found-programs h3"))).extracting(WebElement::getText)
                .containsExactly(names.get(PROGRAMS - 1));
        PageChecks.accessible(browser);
        Chromium.clickToNextPage(browser, wait, By.cssSelector("#found-programs button"));
        // the header's switcher now names it, on the home page the choice leads to
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("body"),
                "Program: " + names.get(PROGRAMS - 1)));
    }

    @Test
    void theAdminLandingPageReachesEveryProgram() {
        // (the switcher test above walks every page; here the same paging on the admin table: first, next, last)
        signIn("admin", "iop-admin");
        browser.get(platform.webUi + "/admin?q=" + TAG);
        assertThat(browser.findElement(By.cssSelector("#programs caption")).getText())
                .isEqualTo(PROGRAMS + " programs");
        assertThat(rows()).containsExactlyElementsOf(names.subList(0, 20));
        WebElement next = browser.findElement(By.linkText("Next page →"));
        next.click();
        wait.until(Chromium.gone(next));
        assertThat(rows()).containsExactlyElementsOf(names.subList(20, 40));
        assertThat(browser.findElement(By.cssSelector("nav.pager")).getText()).contains("Page 2 of 11");

        browser.get(platform.webUi + "/admin?q=" + TAG + "&page=10");
        assertThat(rows()).containsExactlyElementsOf(names.subList(200, PROGRAMS));
        assertThat(browser.findElements(By.linkText("Next page →"))).isEmpty();
        PageChecks.accessible(browser); // the last page

        browser.get(platform.webUi + "/admin?q=" + TAG + "+site+150");
        assertThat(rows()).containsExactly(names.get(149));
    }

    private static List<String> rows() {
        return browser.findElements(By.cssSelector("#programs tbody th")).stream().map(WebElement::getText).toList();
    }

    private static List<WebElement> pager() {
        return browser.findElements(By.cssSelector("nav.pager a"));
    }

    private static void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(platform.webUi + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".signout")));
    }
}
