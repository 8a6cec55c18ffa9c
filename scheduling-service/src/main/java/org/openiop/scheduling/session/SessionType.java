package org.openiop.scheduling.session;

/**
 * What kind of session it is, scheduling's own vocabulary for its REST API, rules and database. Its values are the
 * JSON values of the API; the events' Avro {@code SessionType} is derived from it in one place
 * ({@code booking.SessionEvents}).
 */
public enum SessionType {
    GROUP,
    INDIVIDUAL,
    FAMILY
}
