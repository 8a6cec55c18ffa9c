package org.openiop.notification.delivery;

/**
 * A channel could not deliver. Transient failures (server errors, timeouts, connection trouble) are retried with
 * backoff; permanent ones (the provider refused the request) are recorded at once. The message names no address.
 */
class DeliveryFailure extends Exception {

    private final boolean permanent;

    public DeliveryFailure(boolean permanent, String message, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
