package org.openiop.attendance.certification;

import static org.openiop.backbone.security.Roles.ADMIN;
import static org.openiop.backbone.security.Roles.COMPLIANCE_OFFICER;
import static org.openiop.backbone.security.Roles.STAFF;

import java.util.List;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;

/** Staff record certifications; staff and compliance officers see them and who is due. */
@RestController
class CertificationController {

    private final CertificationService certifications;

    CertificationController(CertificationService certifications) {
        this.certifications = certifications;
    }

    @PostMapping("/api/clients/{clientId}/certifications")
    @ResponseStatus(HttpStatus.CREATED)
    Certification record(@PathVariable String clientId,
            @Valid @RequestBody CertificationRequest request) {
        return certifications.record(clientId, request);
    }

    @GetMapping("/api/clients/{clientId}/certifications")
    List<Certification> ofClient(@PathVariable String clientId) {
        return certifications.ofClient(clientId);
    }

    /** Current certifications due within {@code withinDays} (default 14) or overdue, soonest first. */
    @GetMapping("/api/certifications/due")
    List<Certification> due(@RequestParam(required = false) String programId,
            @RequestParam(defaultValue = "" + CertificationRules.DUE_SOON_DAYS) int withinDays) {
        if (withinDays < 0 || withinDays > 366) {
            throw RuleViolation.invalid("withinDays", "withinDays must be between 0 and 366");
        }
        return certifications.dueWithin(programId, withinDays);
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        @Bean
        AuthorizationRules certificationAccess() {
            return requests -> requests
                    .requestMatchers(HttpMethod.POST, "/api/clients/*/certifications").hasAnyRole(STAFF, ADMIN)
                    .requestMatchers(HttpMethod.GET, "/api/clients/*/certifications", "/api/certifications/due")
                    .hasAnyRole(STAFF, COMPLIANCE_OFFICER, ADMIN)
                    .requestMatchers("/api/clients/*/certifications", "/api/certifications/**").denyAll();
        }
    }
}
