package org.openiop.attendance.certification;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A physician's certification of need as staff enter it: identifiers and dates only. */
public record CertificationRequest(@NotBlank @Size(max = 100) String programId, @NotNull LocalDate certifiedOn,
        @NotBlank @Size(max = 100) String certifyingClinicianId, @NotNull LocalDate periodStart,
        @NotNull LocalDate periodEnd) {
}
