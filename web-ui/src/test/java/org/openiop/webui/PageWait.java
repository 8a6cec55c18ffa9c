package org.openiop.webui;

import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A {@link WebDriverWait} that also waits through ChromeDriver 156's answer for an element of a page being replaced,
 * "unknown error: unhandled inspector error: Node with given id does not belong to the document". Older drivers said
 * stale-element there, which Selenium's conditions already treat as "not yet"; this one is a plain
 * {@link WebDriverException}, and it failed two browser tests mid-wait (a text check and a staleness check) on CI.
 * Every other error still ends the wait at once.
 */
final class PageWait extends WebDriverWait {

    PageWait(WebDriver driver, Duration timeout) {
        super(driver, timeout);
    }

    PageWait(WebDriver driver, Duration timeout, Duration sleep) {
        super(driver, timeout, sleep);
    }

    @Override
    public <V> V until(Function<? super WebDriver, ? extends V> isTrue) {
        return super.until((Function<WebDriver, V>) driver -> {
            try {
                return isTrue.apply(driver);
            } catch (WebDriverException e) {
                if (leftDocument(e)) {
                    return null; // "not yet": the next page is on its way
                }
                throw e;
            }
        });
    }

    /** The element belonged to a document the browser has left. */
    static boolean leftDocument(WebDriverException e) {
        return String.valueOf(e.getMessage()).contains("does not belong to the document");
    }
}
