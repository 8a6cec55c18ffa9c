package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * What every page in the browser tests must pass: Deque's axe-core finds no critical or serious accessibility
 * violation at desktop (1366x768) and phone (390x844) width; and the page's screenshot for the README.
 */
final class PageChecks {

    static final Dimension DESKTOP = new Dimension(1366, 768);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private PageChecks() {
    }

    /** Runs axe at both widths and fails with each violation's rule, help text and elements. */
    static void accessible(WebDriver browser) {
        try {
            for (Dimension size : List.of(PHONE, DESKTOP)) {
                browser.manage().window().setSize(size);
                // legacy mode: axe runs in the page itself (no helper window, which is flaky under load; no cross-origin frames here)
                List<Rule> bad = new AxeBuilder().setLegacyMode(true).analyze(browser).getViolations().stream()
                        .filter(r -> "critical".equals(r.getImpact()) || "serious".equals(r.getImpact())).toList();
                assertThat(bad).as("axe-core critical/serious violations at %dx%d on %s:%n%s", size.width,
                        size.height, browser.getCurrentUrl(), describe(bad)).isEmpty();
            }
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    static String describe(List<Rule> rules) {
        return rules.stream().map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " at "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }

    /** axe at both widths, then a screenshot at desktop width (taller, so a whole page section fits). */
    static void checkAndShoot(WebDriver browser, String name) {
        accessible(browser);
        try {
            browser.manage().window().setSize(new Dimension(1366, 900));
            Files.createDirectories(SCREENSHOTS);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }

    /** A phone-width screenshot. */
    static void shootPhone(WebDriver browser, String name) {
        try {
            browser.manage().window().setSize(PHONE);
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.manage().window().setSize(DESKTOP);
        }
    }
}
