package org.openiop.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Bytes that are not a known event: wrong magic, unknown schema fingerprint, or a truncated body. Consumers must not
 * retry these; they go to the topic's dead-letter topic with this message in the headers.
 */
public class UndecodableEventException extends SerializationException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
