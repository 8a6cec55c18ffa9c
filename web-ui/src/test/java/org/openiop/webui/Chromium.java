package org.openiop.webui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser of a browser test: Debian's headless Chromium driven by Debian's chromedriver, in a profile of its own
 * that is deleted afterwards, at desktop size (axe and screenshots are {@link PageChecks}). The test is skipped, not
 * failed, where chromedriver is not installed. Also the keyboard helpers of the keyboard-only runs.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    final WebDriver browser;
    final WebDriverWait wait;
    private final Path profileDir;

    private Chromium(WebDriver browser, Path profileDir, Duration waitTimeout) {
        this.browser = browser;
        this.profileDir = profileDir;
        this.wait = new PageWait(browser, waitTimeout);
    }

    /** Skips the test class when chromedriver is absent; call before starting anything else. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver is not installed");
    }

    /** At {@link PageChecks#DESKTOP} size, waiting up to 20 s for what a test waits for. */
    static Chromium start() {
        return start(PageChecks.DESKTOP, Duration.ofSeconds(20));
    }

    /**
     * At the given window size (the size its screenshots are taken at), with waits of up to {@code waitTimeout}: the
     * one way every browser test class starts its browser.
     */
    static Chromium start(Dimension windowSize, Duration waitTimeout) {
        assumeInstalled();
        try {
            Path profileDir = Files.createTempDirectory("webui-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--user-data-dir=" + profileDir,
                    "--window-size=" + windowSize.getWidth() + "," + windowSize.getHeight(), "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver browser = new ChromeDriver(service, options);
            browser.manage().window().setSize(windowSize);
            return new Chromium(browser, profileDir, waitTimeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the page a failed test ended on to target/failure-<test>.html (URL on the first line). */
    static TestWatcher pageOnFailure(Supplier<WebDriver> browser) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                WebDriver current = browser.get();
                if (current != null) {
                    try {
                        Files.writeString(Path.of("target", "failure-"
                                + context.getDisplayName().replaceAll("\\W", "") + ".html"),
                                current.getCurrentUrl() + "\n" + current.getPageSource());
                    } catch (IOException | RuntimeException e) {
                        // the failure itself is what matters
                    }
                }
            }
        };
    }

    /**
     * Clicks what leaves the page (a form's submit, a link) and waits until the old page is gone: without the wait
     * the next lookup can find an element of the page being unloaded and go stale when it is clicked.
     */
    static void clickToNextPage(WebDriver browser, WebDriverWait wait, By target) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        wait.until(gone(old));
    }

    /**
     * The element's page has been left. Selenium's {@code stalenessOf} knows only the stale-element error; while the
     * old document is being torn down, ChromeDriver 156 may instead answer "unknown error: unhandled inspector error:
     * Node with given id does not belong to the document" (seen failing a CI run), which says the same thing.
     */
    static ExpectedCondition<Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                if (PageWait.leftDocument(e)) {
                    return true;
                }
                throw e;
            }
        };
    }

    /** Presses Tab until the element has the focus (a mouse-free user's way there); fails if it never does. */
    void tabTo(By target) {
        WebElement wanted = browser.findElement(target);
        for (int i = 0; i < 250; i++) {
            if (wanted.equals(browser.switchTo().activeElement())) {
                return;
            }
            new Actions(browser).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("Tab never reached " + target + " on " + browser.getCurrentUrl());
    }

    /** Keys typed wherever the focus is. */
    void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    @Override
    public void close() {
        browser.quit();
        try (var files = Files.walk(profileDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
