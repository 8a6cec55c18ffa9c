package org.openiop.backbone.security;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openiop.backbone.audit.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Every endpoint needs a signed-in user except the health probes and the metrics scrape; each service adds its role
 * rules as {@link AuthorizationRules} beans; whatever no rule names needs a staff role. The services are stateless:
 * every request carries its credentials (HTTP Basic locally, a bearer token in production), no session or cookie is
 * ever created and there is no form login, so a cookie sent by another site authenticates nothing; cross-site
 * state changes are refused outright ({@link CrossSiteGuard}) and password guessing is throttled
 * ({@link SignInThrottle}). A service with a {@link ClientLinkVerifier} also accepts clients' signed links
 * (ROLE_CLIENT). 401, 403 and 429 on /api are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ LocalUsersProperties.class, SignInThrottleProperties.class })
public class SecurityConfiguration {

    @Bean
    SignInThrottle signInThrottle(SignInThrottleProperties properties, AuditTrail audit, JdbcClient jdbc) {
        return new SignInThrottle(properties, audit, jdbc, Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain iopSecurity(HttpSecurity http, ObjectProvider<AuthorizationRules> rules,
            ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<ClientLinkVerifier> clientLinks,
            SignInThrottle throttle, @Value("${iop.security.allowed-origins:}") Set<String> allowedOrigins)
            throws Exception {
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                    "/actuator/prometheus", "/error").permitAll();
            requests.requestMatchers("/api/audit", "/api/audit/**").hasAnyRole(Roles.ADMIN, Roles.COMPLIANCE_OFFICER);
            rules.orderedStream().forEach(rule -> rule.apply(requests));
            // Staff roles only: a client link (ROLE_CLIENT) reaches nothing a service has not opened to it by name.
            requests.anyRequest().hasAnyRole(Roles.STAFF, Roles.COMPLIANCE_OFFICER, Roles.ADMIN);
        });
        RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
        boolean oidc = jwtDecoder.getIfAvailable() != null;
        AuthenticationEntryPoint unauthenticated = SecurityProblems.unauthenticated(
                oidc ? "Bearer" : "Basic realm=\"OpenIOP\"");
        http.exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor(unauthenticated, api)
                .defaultAccessDeniedHandlerFor(SecurityProblems.accessDenied(), api));
        if (oidc) {
            // Production: an OpenID Connect provider (issuer in spring.security.oauth2.resourceserver.jwt.issuer-uri).
            http.oauth2ResourceServer(oauth -> oauth
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new RealmRolesConverter()))
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(SecurityProblems.accessDenied()));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        }
        http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.requestCache(cache -> cache.disable());
        http.addFilterBefore(new CrossSiteGuard(allowedOrigins), BasicAuthenticationFilter.class);
        http.addFilterBefore(new SignInThrottleFilter(throttle), BasicAuthenticationFilter.class);
        ClientLinkVerifier verifier = clientLinks.getIfAvailable();
        if (verifier != null) {
            http.addFilterBefore(ClientLinkAuthentication.filter(verifier, unauthenticated),
                    AnonymousAuthenticationFilter.class);
        }
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    /**
     * Only the built-in local/test users have passwords (production signs in through OpenID Connect), so bcrypt's
     * cost is kept low: at the default cost every HTTP Basic request would spend ~100 ms hashing on 2 cores. Even so,
     * HTTP Basic checks the password on every request: a successful check is remembered for a few minutes
     * ({@link RememberingPasswordEncoder}).
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(
                new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4))));
    }

    /**
     * Built-in users exist only in the local and test profiles; anywhere else, unless an OpenID Connect issuer is
     * configured, the service refuses to start.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}'.isEmpty()")
    UserDetailsService localUsers(LocalUsersProperties properties, PasswordEncoder encoder, Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of("local | test"))) {
            throw new IllegalStateException("Built-in users are for the 'local' profile only. "
                    + "Run with --spring.profiles.active=local, or configure an OpenID Connect issuer.");
        }
        List<UserDetails> users = properties.users().stream()
                .map(u -> User.withUsername(u.username())
                        .password(u.password().startsWith("{") ? u.password() : encoder.encode(u.password()))
                        .roles(u.roles().toArray(String[]::new)).build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
