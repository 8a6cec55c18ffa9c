package org.openiop.scheduling.session;

/**
 * Coded reason of a cancellation or reschedule, scheduling's own vocabulary for its REST requests, rules and
 * database (free text goes in a note). Its values are the JSON values of the API; the Avro {@code ChangeReason} of
 * the events is derived from it in one place ({@code booking.SessionEvents}).
 */
public enum ChangeReason {
    CLIENT_REQUEST,
    CLINICIAN_UNAVAILABLE,
    PROGRAM_CLOSURE,
    SESSION_CANCELLED,
    CLIENT_DISCHARGED,
    SERIES_CHANGED,
    OTHER
}
