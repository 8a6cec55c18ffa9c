package org.openiop.scheduling.program;

/**
 * The ASAM track a client is enrolled on; the program sets each track's weekly minimum. Scheduling's own vocabulary
 * for its REST API, rules and database (its values are the JSON values of the API); the events' Avro {@code Track}
 * is derived from it in one place ({@code enrolment.EnrolmentEvents}).
 */
public enum Track {
    ADULT,
    ADOLESCENT
}
