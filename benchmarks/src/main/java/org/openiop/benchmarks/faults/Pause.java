package org.openiop.benchmarks.faults;

import java.time.Duration;

/** The suite's only way to wait: between retries and polls of the end state (never in place of a condition). */
final class Pause {

    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Pause() {
    }
}
