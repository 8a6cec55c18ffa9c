package org.openiop.scheduling.telehealth;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.openiop.backbone.telehealth.JoinKeys;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;

@Configuration(proxyBeanMethods = false)
class TelehealthConfiguration {

    @Bean
    JoinKeys joinKeys(Environment environment) {
        return JoinKeys.from(environment);
    }

    /** Before the service's own rules: the join code is the credential; a session's link is for staff only. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthorizationRules telehealthAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/telehealth/join/*").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/sessions/*/join-link").hasAnyRole(Roles.STAFF, Roles.ADMIN);
    }
}
