package org.openiop.scheduling.session;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.ProgramRepository;
import org.openiop.scheduling.web.PageOf;
import org.openiop.scheduling.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
class SessionController {

    private final SessionService service;
    private final SessionRepository sessions;
    private final ProgramRepository programs;

    SessionController(SessionService service, SessionRepository sessions, ProgramRepository programs) {
        this.service = service;
        this.sessions = sessions;
        this.programs = programs;
    }

    record CancelResult(UUID sessionId, int cancelledBookings) {
    }

    @PostMapping("/api/programs/{programId}/sessions")
    ResponseEntity<SessionView> create(@PathVariable UUID programId,
            @Valid @RequestBody SessionRequests.Create request) {
        SessionView session = service.create(programId, request);
        return ResponseEntity.created(URI.create("/api/sessions/" + session.id())).body(session);
    }

    @GetMapping("/api/sessions/{sessionId}")
    SessionView get(@PathVariable UUID sessionId) {
        return sessions.get(sessionId, "sessionId");
    }

    /** Scheduled sessions of a program on local days from..to (inclusive), in time order. */
    @GetMapping("/api/programs/{programId}/sessions")
    PageOf<SessionView> list(@PathVariable UUID programId, @RequestParam LocalDate from, @RequestParam LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE) int size) {
        programs.get(programId, "programId");
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("to", "to must not be before from");
        }
        Paging paging = new Paging(page, size);
        return paging.of(sessions.onDays(programId, from, to, size, paging.offset()),
                sessions.countOnDays(programId, from, to));
    }

    @PostMapping("/api/sessions/{sessionId}/cancel")
    CancelResult cancel(@PathVariable UUID sessionId,
            @Valid @RequestBody(required = false) SessionRequests.Cancel request) {
        ChangeReason reason = request == null || request.reason() == null ? ChangeReason.SESSION_CANCELLED
                : request.reason();
        return new CancelResult(sessionId, service.cancel(sessionId, reason, request == null ? null : request.note()));
    }

    @PostMapping("/api/sessions/{sessionId}/reschedule")
    SessionView reschedule(@PathVariable UUID sessionId, @Valid @RequestBody SessionRequests.Reschedule request) {
        return service.reschedule(sessionId, request);
    }
}
