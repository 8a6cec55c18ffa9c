package org.openiop.scheduling.enrolment;

import java.time.LocalDate;
import java.util.UUID;

import org.openiop.scheduling.program.Track;

/** A client's enrolment in one program. Display name and date of birth never leave this service. */
public record Enrolment(UUID clientId, UUID programId, String displayName, LocalDate dateOfBirth, Track track,
        LocalDate admissionDate, LocalDate plannedDischargeDate, LocalDate dischargeDate, EnrolmentStatus status,
        int phaseSessionsPerWeek, boolean phaseStepDown, LocalDate phaseSince) {
}
