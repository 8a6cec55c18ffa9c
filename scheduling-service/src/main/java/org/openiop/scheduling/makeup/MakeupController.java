package org.openiop.scheduling.makeup;

import java.time.LocalDate;
import java.util.UUID;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Make-up options for a client-week that falls short: the sessions still ahead that would bring it to the minimum.
 * Attended minutes are attendance-service's, so the caller passes them (docs/adr/0010-make-up-options-and-waitlists.md).
 */
@RestController
class MakeupController {

    /** A week's minutes cannot exceed its length (a 25-hour day at a clock change included). */
    public static final int WEEK_MINUTES = 7 * 24 * 60 + 60;

    private final MakeupOptions makeup;
    private final AuditTrail audit;

    MakeupController(MakeupOptions makeup, AuditTrail audit) {
        this.makeup = makeup;
        this.audit = audit;
    }

    /**
     * @param week             any day of the program week (default: this week)
     * @param attendedMinutes  minutes attended so far that week, as attendance-service's compliance reports them
     * @param scheduledMinutes minutes still booked that week; default: the client's seats that have not started yet
     */
    @GetMapping("/api/clients/{clientId}/makeup-options")
    MakeupOptions.Options options(@PathVariable UUID clientId, @RequestParam(required = false) LocalDate week,
            @RequestParam(required = false) @Min(0) @Max(WEEK_MINUTES) Integer attendedMinutes,
            @RequestParam(required = false) @Min(0) @Max(WEEK_MINUTES) Integer scheduledMinutes) {
        if (attendedMinutes == null) {
            throw RuleViolation.invalid("attendedMinutes",
                    "attendedMinutes is required: the minutes attended that week, from the compliance week");
        }
        MakeupOptions.Options options = makeup.compute(clientId, week, attendedMinutes, scheduledMinutes);
        audit.read("makeup-options", clientId.toString());
        return options;
    }
}
