package org.openiop.webui.signin;

import org.openiop.backbone.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The pages' own sign-in: a form login page of ours (the backbone's chain, which still guards /actuator, uses the
 * generated one). On success the password the user typed is kept in the server-side session as the credentials the
 * front door presents to the services (local profile); it never reaches the browser again.
 */
@Configuration(proxyBeanMethods = false)
class FrontDoorSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.securityMatcher(new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**")));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/error", "/favicon.ico").permitAll()
                // the client's page: the signed link in the URL is the credential, checked by notification-service
                .requestMatchers("/c/*", "/c/*/preferences", "/c/*/calendar.ics").permitAll()
                .requestMatchers("/staff/**").hasAnyRole(Roles.STAFF, Roles.ADMIN)
                .requestMatchers("/officer/**").hasAnyRole(Roles.COMPLIANCE_OFFICER, Roles.ADMIN)
                .requestMatchers("/messages/**").hasAnyRole(Roles.STAFF, Roles.ADMIN)
                .requestMatchers("/admin/**", "/admin").hasRole(Roles.ADMIN)
                .anyRequest().authenticated());
        SavedRequestAwareAuthenticationSuccessHandler afterSignIn = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    org.springframework.security.core.Authentication authentication)
                    throws java.io.IOException, jakarta.servlet.ServletException {
                // The request still carries the typed password; the Authentication's copy is already erased.
                new ServiceCredentials(authentication.getName(), request.getParameter("password"))
                        .keepIn(request.getSession());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        afterSignIn.setDefaultTargetUrl("/");
        http.formLogin(form -> form.loginPage("/login").successHandler(afterSignIn).permitAll());
        http.logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll());
        // Pages load scripts and styles from this origin only (no inline code anywhere), cannot be framed, and do not
        // leak their address (a client's page URL carries its link) to other sites.
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
