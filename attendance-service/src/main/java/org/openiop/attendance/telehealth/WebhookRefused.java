package org.openiop.attendance.telehealth;

/** A delivery that is not provably the platform's (bad or missing signature, stale) or cannot be read. */
class WebhookRefused extends RuntimeException {

    private final boolean unauthenticated;

    private WebhookRefused(String message, boolean unauthenticated) {
        super(message);
        this.unauthenticated = unauthenticated;
    }

    public static WebhookRefused signature(String why) {
        return new WebhookRefused(why, true);
    }

    public static WebhookRefused unreadable(String why) {
        return new WebhookRefused(why, false);
    }

    public boolean unauthenticated() {
        return unauthenticated;
    }
}
