package org.openiop.scheduling.enrolment;

import java.net.URI;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.http.ResponseEntity;
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

@RestController
class EnrolmentController {

    private final EnrolmentService service;
    private final EnrolmentRepository enrolments;
    private final ProgramRepository programs;
    private final AuditTrail audit;

    EnrolmentController(EnrolmentService service, EnrolmentRepository enrolments, ProgramRepository programs,
            AuditTrail audit) {
        this.service = service;
        this.enrolments = enrolments;
        this.programs = programs;
        this.audit = audit;
    }

    @PostMapping("/api/programs/{programId}/enrolments")
    ResponseEntity<Enrolment> enrol(@PathVariable UUID programId,
            @Valid @RequestBody EnrolmentRequests.Enrol request) {
        Enrolment e = service.enrol(programId, request);
        return ResponseEntity.created(URI.create("/api/clients/" + e.clientId())).body(e);
    }

    @GetMapping("/api/programs/{programId}/enrolments")
    PageOf<Enrolment> list(@PathVariable UUID programId, @RequestParam(required = false) EnrolmentStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        programs.get(programId, "programId");
        Paging paging = new Paging(page, size);
        PageOf<Enrolment> result = paging.of(enrolments.page(programId, status, size, paging.offset()),
                enrolments.count(programId, status));
        audit.reads("enrolment", result.items().stream().map(e -> e.clientId().toString()).toList());
        return result;
    }

    @GetMapping("/api/clients/{clientId}")
    Enrolment get(@PathVariable UUID clientId) {
        Enrolment e = enrolments.get(clientId, "clientId");
        audit.read("enrolment", clientId.toString());
        return e;
    }

    @PutMapping("/api/clients/{clientId}")
    Enrolment update(@PathVariable UUID clientId, @Valid @RequestBody EnrolmentRequests.Update request) {
        return service.update(clientId, request);
    }

    @PostMapping("/api/clients/{clientId}/phase")
    Enrolment phase(@PathVariable UUID clientId, @Valid @RequestBody EnrolmentRequests.Phase request) {
        return service.changePhase(clientId, request);
    }

    @PostMapping("/api/clients/{clientId}/discharge")
    Enrolment discharge(@PathVariable UUID clientId,
            @Valid @RequestBody(required = false) EnrolmentRequests.Discharge request) {
        return service.discharge(clientId,
                request == null ? new EnrolmentRequests.Discharge(null, null, null) : request);
    }
}
