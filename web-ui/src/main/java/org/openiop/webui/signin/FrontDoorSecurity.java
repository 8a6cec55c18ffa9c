package org.openiop.webui.signin;

import org.openiop.backbone.security.Roles;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
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
 * The pages' own sign-in. In production (an {@code openiop} OpenID Connect client registration is configured): the
 * authorization code flow with PKCE against the provider, whose access token the front door relays to the services
 * ({@link UserAuthorization}). Locally: a form login page of ours, and on success the password the user typed is
 * kept in the server-side session as the credentials presented to the services; it never reaches the browser again.
 * (The backbone's chain, which still guards /actuator, keeps its own sign-in.)
 */
@Configuration(proxyBeanMethods = false)
class FrontDoorSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
            + "object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> oidc)
            throws Exception {
        http.securityMatcher(new NegatedRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**")));
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/login", "/login/oauth2/**", "/oauth2/**", "/css/**", "/js/**", "/webjars/**", "/error", "/favicon.ico").permitAll()
                // the client's page: the signed link in the URL is the credential, checked by notification-service
                .requestMatchers("/c/*", "/c/*/preferences", "/c/*/calendar.ics", "/c/*/offers/*",
                        "/c/*/holds/*").permitAll()
                .requestMatchers("/j/*").permitAll()
                .requestMatchers("/staff/**").hasAnyRole(Roles.STAFF, Roles.ADMIN)
                // a client-week's make-up page: staff book and offer there, officers read it
                .requestMatchers("/officer/clients/*/makeup", "/officer/clients/*/makeup/**")
                .hasAnyRole(Roles.STAFF, Roles.COMPLIANCE_OFFICER, Roles.ADMIN)
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
        ClientRegistrationRepository registrations = oidc.getIfAvailable();
        if (registrations != null) {
            // Production: OpenID Connect authorization code flow with PKCE; the provider ends its session on sign-out.
            DefaultOAuth2AuthorizationRequestResolver pkce = new DefaultOAuth2AuthorizationRequestResolver(
                    registrations, OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
            pkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage("/login")
                    .authorizationEndpoint(a -> a.authorizationRequestResolver(pkce))
                    .userInfoEndpoint(u -> u.oidcUserService(OidcSignIn.users()))
                    .defaultSuccessUrl("/", false).failureUrl("/login?error").permitAll());
            OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(
                    registrations);
            signedOut.setPostLogoutRedirectUri("{baseUrl}/login?signedOut");
            signedOut.setDefaultTargetUrl("/login?signedOut"); // a provider without an end-session endpoint
            http.logout(logout -> logout.logoutSuccessHandler(signedOut).permitAll());
        } else {
            http.formLogin(form -> form.loginPage("/login").successHandler(afterSignIn).permitAll());
            http.logout(logout -> logout.logoutSuccessUrl("/login?signedOut").permitAll());
        }
        // Pages load scripts and styles from this origin only (no inline code anywhere), cannot be framed, and do not
        // leak their address (a client's page URL carries its link) to other sites.
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(registrations)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * The pages' policy; with OpenID Connect, the sign-out form's redirect to the provider's end-session endpoint
     * must be allowed too (form-action applies to where a form submission is redirected).
     */
    static String contentSecurityPolicy(ClientRegistrationRepository registrations) {
        if (registrations instanceof Iterable<?> all) {
            java.util.Set<String> origins = new java.util.LinkedHashSet<>();
            for (Object r : all) {
                var provider = ((org.springframework.security.oauth2.client.registration.ClientRegistration) r)
                        .getProviderDetails();
                Object endSession = provider.getConfigurationMetadata().get("end_session_endpoint");
                for (Object uri : java.util.Arrays.asList(provider.getAuthorizationUri(), endSession)) {
                    if (uri != null) {
                        java.net.URI u = java.net.URI.create(uri.toString());
                        origins.add(u.getScheme() + "://" + u.getAuthority());
                    }
                }
            }
            if (!origins.isEmpty()) {
                return CONTENT_SECURITY_POLICY.replace("form-action 'self'",
                        "form-action 'self' " + String.join(" ", origins));
            }
        }
        return CONTENT_SECURITY_POLICY;
    }

    /** Hands out each signed-in user's access token, refreshing it when it has expired (OpenID Connect only). */
    @Bean
    @ConditionalOnProperty("spring.security.oauth2.client.registration.openiop.client-id")
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorized) {
        return OidcSignIn.clientManager(registrations, authorized);
    }
}
