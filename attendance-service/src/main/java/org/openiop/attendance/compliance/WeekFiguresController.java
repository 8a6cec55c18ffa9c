package org.openiop.attendance.compliance;

import static org.openiop.backbone.security.Roles.ADMIN;
import static org.openiop.backbone.security.Roles.COMPLIANCE_OFFICER;
import static org.openiop.backbone.security.Roles.STAFF;

import java.time.LocalDate;
import java.util.List;

import org.openiop.backbone.security.AuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's weekly figures for staff planning make-up sessions (the make-up page): minutes attended and still
 * scheduled, the minimum and status of each week, without the sessions, days and reasons officers see. Audited like
 * every client read.
 */
@RestController
class WeekFiguresController {

    private final ComplianceReader reader;

    WeekFiguresController(ComplianceReader reader) {
        this.reader = reader;
    }

    public record WeekFigures(String clientId, String programId, LocalDate weekStart, int attendedMinutes,
            int scheduledRemainingMinutes, Integer minimumMinutes, String status, boolean closed) {
    }

    @GetMapping("/api/clients/{clientId}/week-figures")
    List<WeekFigures> figures(@PathVariable String clientId) {
        return reader.client(clientId, null, null, "week-figures").weeks().stream()
                .map(w -> new WeekFigures(w.clientId(), w.programId(), w.weekStart(), w.attendedMinutes(),
                        w.scheduledRemainingMinutes(), w.minimumMinutes(), w.status(), w.closed()))
                .toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        /** Before attendance's own rules, which keep /api/clients/{id}/compliance for officers. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AuthorizationRules weekFiguresAccess() {
            return requests -> requests.requestMatchers(HttpMethod.GET, "/api/clients/*/week-figures")
                    .hasAnyRole(STAFF, COMPLIANCE_OFFICER, ADMIN);
        }
    }
}
