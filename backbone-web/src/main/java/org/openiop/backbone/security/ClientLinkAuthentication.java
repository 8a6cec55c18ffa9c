package org.openiop.backbone.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request authenticated by a client's signed link: before verification it holds the raw token, afterwards the
 * {@link ClientLinkPrincipal} and the single authority {@code ROLE_CLIENT}. Built on Spring Security's own
 * {@link AuthenticationFilter}, with the service's {@link ClientLinkVerifier} as the provider.
 */
public final class ClientLinkAuthentication extends AbstractAuthenticationToken {

    private final String token;
    private final ClientLinkPrincipal principal;

    private ClientLinkAuthentication(String token) {
        super(List.of());
        this.token = token;
        this.principal = null;
    }

    private ClientLinkAuthentication(ClientLinkPrincipal principal) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + Roles.CLIENT)));
        this.token = null;
        this.principal = principal;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return principal;
    }

    /** The filter that turns a client-link token into an authentication; requests without one pass untouched. */
    static AuthenticationFilter filter(ClientLinkVerifier verifier, AuthenticationEntryPoint onFailure) {
        AuthenticationProvider provider = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                Object token = authentication.getCredentials();
                if (!(token instanceof String raw) || raw.isBlank()) {
                    throw new BadCredentialsException("empty client link");
                }
                return new ClientLinkAuthentication(verifier.verify(raw));
            }

            @Override
            public boolean supports(Class<?> type) {
                return ClientLinkAuthentication.class.isAssignableFrom(type);
            }
        };
        AuthenticationFilter filter = new AuthenticationFilter(new ProviderManager(provider),
                ClientLinkAuthentication::fromRequest);
        filter.setFailureHandler(new AuthenticationEntryPointFailureHandler(onFailure));
        // on success the request simply continues (the default handler would redirect, as after a form login)
        filter.setSuccessHandler((request, response, authentication) -> { });
        return filter;
    }

    private static ClientLinkAuthentication fromRequest(HttpServletRequest request) {
        String token = request.getHeader(ClientLinkVerifier.HEADER);
        if (token == null && "GET".equals(request.getMethod()) && request.getRequestURI().endsWith(".ics")) {
            token = request.getParameter(ClientLinkVerifier.PARAMETER);
        }
        return token == null ? null : new ClientLinkAuthentication(token.strip());
    }
}
