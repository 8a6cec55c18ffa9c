package org.openiop.attendance;

import static org.openiop.backbone.security.Roles.ADMIN;
import static org.openiop.backbone.security.Roles.COMPLIANCE_OFFICER;
import static org.openiop.backbone.security.Roles.STAFF;

import java.util.Map;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what, and how the database's own rules read to a caller. */
@Configuration(proxyBeanMethods = false)
class AttendanceWebRules {

    @Bean
    AuthorizationRules attendanceAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/bookings/*/attendance", "/api/sessions/*/roster")
                .hasAnyRole(STAFF, COMPLIANCE_OFFICER)
                .requestMatchers("/api/bookings/**", "/api/sessions/**").hasRole(STAFF)
                .requestMatchers("/api/programs/*/compliance/**", "/api/clients/*/compliance",
                        "/api/clients/*/compliance/**").hasRole(COMPLIANCE_OFFICER)
                .requestMatchers("/api/admin/**").hasRole(ADMIN);
    }

    @Bean
    ConstraintMessages attendanceConstraints() {
        return () -> Map.of(
                "attendance_revision_pk", RuleViolation.conflict("attendance-changed-concurrently",
                        "The attendance of this booking was recorded by someone else at the same moment; reload it"),
                "attendance_revision_outcome", RuleViolation.unprocessable("attendance-inconsistent", null,
                        "An attendance record needs a check-out after its check-in, or an absence reason"),
                "attendance_revision_correction_has_reason", RuleViolation.invalid("reason",
                        "A correction needs a reason"));
    }
}
