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
import org.openqa.selenium.JavascriptExecutor;
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

    /**
     * Every field error on the page is tied to its field for screen readers and written for a coordinator: each error
     * line has an id, at least one field names it in {@code aria-describedby} and says {@code aria-invalid="true"},
     * every field saying {@code aria-invalid="true"} names an error line, and no error line shows a field name
     * ({@code clientId}), a repeat rule or a UTC instant.
     */
    static void fieldErrorsTied(WebDriver browser) {
        @SuppressWarnings("unchecked")
        List<String> problems = (List<String>) ((JavascriptExecutor) browser).executeScript(FIELD_ERRORS);
        assertThat(problems).as("field errors not tied to their fields on %s", browser.getCurrentUrl()).isEmpty();
    }

    private static final String FIELD_ERRORS = """
            const problems = [];
            const describing = id => [...document.querySelectorAll('[aria-describedby]')]
                .filter(f => f.getAttribute('aria-describedby').split(/\\s+/).includes(id));
            for (const e of document.querySelectorAll('.field-error')) {
              const text = e.textContent.trim();
              if (!e.id) { problems.push('error line without an id: ' + text); continue; }
              const fields = describing(e.id);
              if (fields.length === 0) problems.push('no field names error line ' + e.id + ' (' + text + ')');
              for (const f of fields) {
                if (f.getAttribute('aria-invalid') !== 'true') {
                  problems.push((f.id || f.getAttribute('name') || f.tagName) + ' names ' + e.id + ' but is not aria-invalid');
                }
              }
              if (/\\b[a-z]+[A-Z][A-Za-z]*\\b/.test(text) || /rrule/i.test(text)
                  || /\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}/.test(text)) {
                problems.push('error line ' + e.id + ' is not in plain words: ' + text);
              }
            }
            for (const f of document.querySelectorAll('[aria-invalid="true"]')) {
              const ids = (f.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
              if (!ids.some(i => { const el = document.getElementById(i); return el && el.classList.contains('field-error'); })) {
                problems.push((f.id || f.getAttribute('name') || f.tagName) + ' is aria-invalid but names no error line');
              }
            }
            return problems;
            """;

    /** Runs axe at both widths and fails with each violation's rule, help text and elements; and the field errors. */
    static void accessible(WebDriver browser) {
        fieldErrorsTied(browser);
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
