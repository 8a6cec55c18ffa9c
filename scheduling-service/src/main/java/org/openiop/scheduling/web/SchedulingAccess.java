package org.openiop.scheduling.web;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may do what: administrators configure programs; staff (and admins, who also hold STAFF) run the schedule;
 * compliance officers may read schedules and planned hours but change nothing.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingAccess {

    @Bean
    AuthorizationRules schedulingRules() {
        return requests -> requests
                // a program's configuration (minimums, blocks, thresholds) is the administrators'
                .requestMatchers(HttpMethod.POST, "/api/programs").hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/programs/*").hasRole(Roles.ADMIN)
                .requestMatchers(HttpMethod.GET, "/api/**")
                .hasAnyRole(Roles.STAFF, Roles.ADMIN, Roles.COMPLIANCE_OFFICER)
                .requestMatchers("/api/**").hasAnyRole(Roles.STAFF, Roles.ADMIN);
    }
}
