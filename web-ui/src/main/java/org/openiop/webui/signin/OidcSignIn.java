package org.openiop.webui.signin;

import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openiop.backbone.security.Roles;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.nimbusds.jwt.JWTParser;

/**
 * OpenID Connect sign-in parts: the user's platform roles (Keycloak's realm roles, as {@code realm_access.roles} or
 * a flat {@code roles} claim, in the ID token, the user info or the access token), and the manager that hands out
 * (and refreshes) each user's access token for the calls to the services.
 */
final class OidcSignIn {

    private static final List<String> PLATFORM_ROLES = List.of(Roles.STAFF, Roles.COMPLIANCE_OFFICER, Roles.ADMIN);

    private OidcSignIn() {
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> users() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            Set<String> roles = new HashSet<>();
            roles(user.getClaims(), roles);
            roles(accessTokenClaims(request.getAccessToken().getTokenValue()), roles);
            roles.stream().filter(PLATFORM_ROLES::contains)
                    .forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }

    /**
     * The access token's claims, read without checking its signature: it came straight from the provider's token
     * endpoint over the back channel (OIDC Core 3.1.3.8), and the services verify it on every call anyway.
     */
    static Map<String, Object> accessTokenClaims(String token) {
        try {
            return JWTParser.parse(token).getJWTClaimsSet().getClaims();
        } catch (ParseException e) {
            return Map.of(); // an opaque access token: the roles come from the ID token or user info
        }
    }

    static void roles(Map<String, Object> claims, Set<String> into) {
        if (claims.get("realm_access") instanceof Map<?, ?> realm && realm.get("roles") instanceof Collection<?> c) {
            c.forEach(r -> into.add(String.valueOf(r)));
        }
        if (claims.get("roles") instanceof Collection<?> plain) {
            plain.forEach(r -> into.add(String.valueOf(r)));
        }
    }

    static OAuth2AuthorizedClientManager clientManager(ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
                authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode()
                .refreshToken().build());
        return manager;
    }
}
