package org.openiop.scheduling.enrolment;

/**
 * Whether a client is in the program, scheduling's own vocabulary for its REST API, rules and database. Its values
 * are the JSON values of the API; the events' Avro {@code EnrolmentStatus} is derived from it in one place
 * ({@link EnrolmentEvents}).
 */
public enum EnrolmentStatus {
    ACTIVE,
    DISCHARGED
}
