package org.openiop.notification;

import java.util.Map;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.openiop.backbone.web.ConstraintMessages;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Who may call what, and how the database's own rules read to a caller. */
@Configuration(proxyBeanMethods = false)
class WebRules {

    @Bean
    AuthorizationRules notificationAuthorization() {
        return requests -> requests
                // the SMS provider calls this; it checks the provider's signature itself
                .requestMatchers(HttpMethod.POST, "/api/sms/inbound").permitAll()
                // a client's signed link reaches only the client's own portal (the link names the client)
                .requestMatchers("/api/client-portal/**").hasRole(Roles.CLIENT)
                .requestMatchers("/api/clients/*/client-links").hasAnyRole(Roles.STAFF, Roles.ADMIN)
                .requestMatchers(HttpMethod.PUT, "/api/programs/*/notification-settings").hasRole(Roles.ADMIN)
                .requestMatchers("/api/programs/**").hasAnyRole(Roles.STAFF, Roles.ADMIN)
                .requestMatchers("/api/clients/**", "/api/bookings/**").hasRole(Roles.STAFF)
                .requestMatchers("/api/outbox/**").hasAnyRole(Roles.STAFF, Roles.ADMIN);
    }

    @Bean
    ConstraintMessages notificationConstraints() {
        return () -> Map.of(
                "client_contact_phone_e164", RuleViolation.invalid("phone", "must be in E.164 form, e.g. +12125550123"),
                "client_contact_language_known", RuleViolation.invalid("language", "must be en or es"));
    }
}
