package org.openiop.attendance.compliance;

/** Standing of one client-week against its hour minimum (the names are the API's and the stored rows'). */
public enum ComplianceStatus {
    MET, ON_TRACK, AT_RISK, BELOW_MINIMUM, PARTIAL_WEEK, STEP_DOWN, NOT_APPLICABLE
}
