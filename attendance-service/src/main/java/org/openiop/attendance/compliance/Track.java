package org.openiop.attendance.compliance;

/** Compliance track of an enrolment; decides the weekly minimum. */
public enum Track {
    ADULT, ADOLESCENT
}
