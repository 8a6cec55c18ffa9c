package org.openiop.attendance.compliance;

/**
 * Why a booked session was not attended. Owned by compliance (its rules decide what an excused absence counts for);
 * attendance records it, and already depends on compliance, so living here keeps the packages free of a cycle.
 */
public enum MissedReason {
    NO_SHOW, EXCUSED, UNEXCUSED
}
