package org.openiop.scheduling.clinician;

import java.net.URI;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The program's clinicians; an inactive clinician keeps past sessions but gets no new ones. */
@RestController
class ClinicianController {

    private final ClinicianRepository clinicians;
    private final ProgramRepository programs;

    ClinicianController(ClinicianRepository clinicians, ProgramRepository programs) {
        this.clinicians = clinicians;
        this.programs = programs;
    }

    record ClinicianRequest(@NotBlank @Size(max = 200) String displayName, Boolean active) {
    }

    @PostMapping("/api/programs/{programId}/clinicians")
    @Transactional
    ResponseEntity<Clinician> create(@PathVariable UUID programId, @Valid @RequestBody ClinicianRequest request) {
        programs.get(programId, "programId");
        Clinician c = new Clinician(UUID.randomUUID(), programId, request.displayName(),
                request.active() == null || request.active());
        clinicians.save(c);
        return ResponseEntity.created(URI.create("/api/clinicians/" + c.id())).body(c);
    }

    @PutMapping("/api/clinicians/{clinicianId}")
    @Transactional
    Clinician update(@PathVariable UUID clinicianId, @Valid @RequestBody ClinicianRequest request) {
        Clinician old = clinicians.find(clinicianId)
                .orElseThrow(() -> RuleViolation.notFound("clinicianId", "Clinician", clinicianId));
        Clinician c = new Clinician(clinicianId, old.programId(), request.displayName(),
                request.active() == null ? old.active() : request.active());
        clinicians.save(c);
        return c;
    }

    @GetMapping("/api/clinicians/{clinicianId}")
    Clinician get(@PathVariable UUID clinicianId) {
        return clinicians.find(clinicianId)
                .orElseThrow(() -> RuleViolation.notFound("clinicianId", "Clinician", clinicianId));
    }

    @GetMapping("/api/programs/{programId}/clinicians")
    PageOf<Clinician> list(@PathVariable UUID programId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        Paging paging = new Paging(page, size);
        return paging.of(clinicians.page(programId, size, paging.offset()), clinicians.count(programId));
    }
}
