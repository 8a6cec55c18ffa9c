package org.openiop.backbone.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps the platform roles in an OpenID Connect access token to Spring authorities. Keycloak puts realm roles under
 * {@code realm_access.roles}; other providers often use a top-level {@code roles} claim. Both are read.
 */
public class RealmRolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> roles = new ArrayList<>();
        Object realmAccess = jwt.getClaims().get("realm_access");
        if (realmAccess instanceof Map<?, ?> map && map.get("roles") instanceof Collection<?> realmRoles) {
            realmRoles.forEach(r -> roles.add(String.valueOf(r)));
        }
        if (jwt.getClaims().get("roles") instanceof Collection<?> plain) {
            plain.forEach(r -> roles.add(String.valueOf(r)));
        }
        List<GrantedAuthority> authorities = roles.stream().distinct()
                .filter(r -> List.of(Roles.STAFF, Roles.COMPLIANCE_OFFICER, Roles.ADMIN).contains(r))
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r)).toList();
        String name = jwt.getClaimAsString("preferred_username");
        return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
    }
}
