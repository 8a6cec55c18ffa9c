package org.openiop.attendance.certification;

import org.openiop.backbone.web.input.WithinRecordWindow;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A physician's certification of need as staff enter it: identifiers and dates only. */
record CertificationRequest(@NotBlank @Size(max = 100) String programId, @NotNull @WithinRecordWindow LocalDate certifiedOn,
        @NotBlank @Size(max = 100) String certifyingClinicianId, @NotNull @WithinRecordWindow LocalDate periodStart,
        @NotNull @WithinRecordWindow LocalDate periodEnd) {
}
