package org.openiop.attendance.compliance;

import java.util.List;

/**
 * Enrolments the projection saved or discharged, published in-process inside the projection's transaction once their
 * rows are written, so a feature that keeps its own copy of "still enrolled" (certification's due list) updates it
 * in the same commit.
 *
 * @param clientPrograms {@code clientId + '|' + programId}, as {@link ComplianceReader#discharged} takes them
 */
public record EnrolmentsChanged(List<String> clientPrograms) {
}
