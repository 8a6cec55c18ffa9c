package org.openiop.attendance.certification;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded certification and when it must be renewed. */
public record Certification(String certificationId, String clientId, String programId, LocalDate certifiedOn,
        String certifyingClinicianId, LocalDate periodStart, LocalDate periodEnd, LocalDate dueDate,
        String recordedBy, Instant recordedAt) {
}
