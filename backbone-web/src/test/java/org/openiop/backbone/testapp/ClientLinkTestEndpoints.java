package org.openiop.backbone.testapp;

import java.util.Map;

import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.ClientLinkPrincipal;
import org.openiop.backbone.security.ClientLinkVerifier;
import org.openiop.backbone.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A service that accepts client links, as notification-service does, with a fixed table of tokens. */
@Configuration(proxyBeanMethods = false)
class ClientLinkTestEndpoints {

    static final String VALID = "token-of-client-a";
    static final String EXPIRED = "expired-token";

    @Bean
    ClientLinkVerifier testClientLinks() {
        return token -> switch (token) {
            case VALID -> new ClientLinkPrincipal("link-1", "client-a");
            case EXPIRED -> throw new CredentialsExpiredException("expired");
            default -> throw new BadCredentialsException("unknown link");
        };
    }

    @Bean
    AuthorizationRules clientPortalRules() {
        return requests -> requests.requestMatchers("/api/client-portal/**").hasRole(Roles.CLIENT);
    }

    @RestController
    static class Portal {

        private final AuditTrail audit;

        Portal(AuditTrail audit) {
            this.audit = audit;
        }

        @GetMapping("/api/client-portal/me")
        Map<String, String> me(@AuthenticationPrincipal ClientLinkPrincipal link) {
            audit.read("portal", link.clientId());
            return Map.of("clientId", link.clientId());
        }

        @GetMapping("/api/client-portal/calendar.ics")
        String calendar(@AuthenticationPrincipal ClientLinkPrincipal link) {
            return "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
        }
    }
}
