package org.openiop.scheduling.session;

/**
 * How a session is held, scheduling's own vocabulary for its REST API, rules and database. Its values are the JSON
 * values of the API; the events' Avro {@code SessionModality} is derived from it in one place
 * ({@code booking.SessionEvents}).
 */
public enum Modality {
    IN_PERSON,
    TELEHEALTH,
    HYBRID
}
