package org.openiop.scheduling.web;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what: staff (and admins, who also hold STAFF) run the schedule and configure programs; compliance
 * officers may read schedules and planned hours but change nothing.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingAccess {

    @Bean
    AuthorizationRules schedulingRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/**")
                .hasAnyRole(Roles.STAFF, Roles.ADMIN, Roles.COMPLIANCE_OFFICER)
                .requestMatchers("/api/**").hasAnyRole(Roles.STAFF, Roles.ADMIN);
    }
}
