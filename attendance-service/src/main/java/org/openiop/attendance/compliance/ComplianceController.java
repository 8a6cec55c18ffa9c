package org.openiop.attendance.compliance;

import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Compliance officers' read API (COMPLIANCE_OFFICER); the rebuild is an ADMIN operation. */
@RestController
class ComplianceController {

    private final ComplianceReader reader;
    private final ComplianceStream stream;
    private final ProjectionRebuild rebuild;
    private final AuditTrail audit;
    private final StreamAdmission admission;

    ComplianceController(ComplianceReader reader, ComplianceStream stream, ProjectionRebuild rebuild,
            AuditTrail audit, StreamAdmission admission) {
        this.admission = admission;
        this.reader = reader;
        this.stream = stream;
        this.rebuild = rebuild;
        this.audit = audit;
    }

    /** The program week containing {@code weekStart} (normally its first day). */
    @GetMapping("/api/programs/{programId}/compliance/weeks/{weekStart}")
    ComplianceReader.ProgramWeek week(@PathVariable String programId,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart) {
        return reader.programWeek(programId, weekStart);
    }

    @GetMapping("/api/clients/{clientId}/compliance")
    ComplianceReader.ClientHistory client(@PathVariable String clientId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return reader.client(clientId, from, to);
    }

    /** Client-weeks starting in [from, to] as CSV, with the days that reached the daily threshold. */
    @GetMapping(path = "/api/programs/{programId}/compliance/export", produces = "text/csv")
    ResponseEntity<String> export(@PathVariable String programId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        if (to.isBefore(from)) {
            throw RuleViolation.invalid("to", "to must not be before from");
        }
        if (from.plusYears(2).isBefore(to)) {
            throw RuleViolation.invalid("to", "an export covers at most two years");
        }
        StringBuilder csv = new StringBuilder("program_id,client_id,week_start,track,attended_minutes,"
                + "scheduled_remaining_minutes,minimum_minutes,status,closed,partial_week,days_attended,"
                + "qualifying_days,meets_3_days_rule,daily_minutes\r\n");
        for (ComplianceReader.ClientWeekDetail w : reader.export(programId, from, to)) {
            String days = w.days().stream().map(d -> d.date() + ":" + d.attendedMinutes() + "min/"
                    + d.sessionsAttended() + "s").collect(Collectors.joining(" "));
            csv.append(String.join(",", w.programId(), w.clientId(), w.weekStart().toString(),
                    w.track() == null ? "" : w.track().name(), Integer.toString(w.attendedMinutes()),
                    Integer.toString(w.scheduledRemainingMinutes()),
                    w.minimumMinutes() == null ? "" : w.minimumMinutes().toString(), w.status(),
                    Boolean.toString(w.closed()), Boolean.toString(w.partialWeek()),
                    Integer.toString(w.days().size()), Integer.toString(w.qualifyingDays()),
                    Boolean.toString(w.meetsDailyRule()), days)).append("\r\n");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"compliance-" + from + "-" + to
                        + ".csv\"")
                .contentType(new MediaType("text", "csv")).body(csv.toString());
    }

    @GetMapping(path = "/api/programs/{programId}/compliance/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String programId, java.security.Principal user) {
        return admission.admit(user.getName(), programId, () -> {
            audit.record("SUBSCRIBE", "compliance-stream", null, "program " + programId);
            return stream.subscribe(programId);
        });
    }

    @GetMapping("/api/admin/compliance/rebuild")
    Map<String, Boolean> rebuildState() {
        return Map.of("replaying", rebuild.replaying());
    }

    @PostMapping("/api/admin/compliance/rebuild")
    ResponseEntity<Map<String, String>> rebuild() {
        rebuild.rebuild();
        return ResponseEntity.accepted().body(Map.of("status", "replaying from offset 0"));
    }
}
