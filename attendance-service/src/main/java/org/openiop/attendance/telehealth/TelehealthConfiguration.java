package org.openiop.attendance.telehealth;

import java.time.Clock;
import java.time.Duration;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.openiop.backbone.telehealth.JoinKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.HttpMethod;

/**
 * Telehealth wiring: the join-tag key, the Zoom adapter and who may call what. The webhook secret
 * ({@code attendance.telehealth.zoom.webhook-secret}, env {@code IOP_ZOOM_WEBHOOK_SECRET}) is required outside the
 * local and test profiles; there a built-in one lets the platform run without a Zoom account.
 */
@Configuration(proxyBeanMethods = false)
class TelehealthConfiguration {

    @Bean
    JoinKeys joinKeys(Environment environment) {
        return JoinKeys.from(environment);
    }

    @Bean
    ZoomFormat zoomFormat(Environment environment, Clock clock,
            @Value("${attendance.telehealth.zoom.webhook-secret:}") String secret,
            @Value("${attendance.telehealth.max-age:5m}") Duration maxAge) {
        if (secret.isBlank()) {
            if (!environment.acceptsProfiles(Profiles.of("local | test"))) {
                throw new IllegalStateException("attendance.telehealth.zoom.webhook-secret (IOP_ZOOM_WEBHOOK_SECRET) "
                        + "is required outside the local and test profiles");
            }
            secret = ZoomFormat.LOCAL_SECRET;
        }
        return new ZoomFormat(secret, clock, maxAge);
    }

    /** Before the service's own rules: platforms prove themselves by signature; the rest is staff work. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    AuthorizationRules telehealthAccess() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/telehealth/*/webhook").permitAll()
                .requestMatchers("/api/telehealth/**", "/api/sessions/*/telehealth/**").hasRole(Roles.STAFF);
    }
}
