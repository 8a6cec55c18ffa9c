package org.openiop.backbone.kafka;

/**
 * A consumer throws this when an event can be decoded but never applied (it contradicts the consumer's rules, e.g.
 * an end before its start). It is not retried: it goes straight to the dead-letter topic with this message.
 */
public class EventRejectedException extends RuntimeException {

    public EventRejectedException(String message) {
        super(message);
    }
}
