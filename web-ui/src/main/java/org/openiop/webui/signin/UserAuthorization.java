package org.openiop.webui.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Authorization header the front door sends to the services for the signed-in user: with OpenID Connect, the
 * user's own access token (refreshed with the refresh token when it has expired), so each service checks the
 * user's roles and audits the user by name; in the local profile, the user's HTTP Basic credentials.
 */
@Component
public class UserAuthorization {

    private final ObjectProvider<OAuth2AuthorizedClientManager> clients;

    UserAuthorization(ObjectProvider<OAuth2AuthorizedClientManager> clients) {
        this.clients = clients;
    }

    /** The header for the current request's user. */
    public String header() {
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        HttpServletRequest request = attributes == null ? null : attributes.getRequest();
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user instanceof OAuth2AuthenticationToken token && request != null) {
            return bearer(token, request, attributes.getResponse());
        }
        return ServiceCredentials.of(request == null ? null : request.getSession(false)).authorizationHeader();
    }

    private String bearer(OAuth2AuthenticationToken token, HttpServletRequest request, HttpServletResponse response) {
        OAuth2AuthorizedClientManager manager = clients.getIfAvailable();
        OAuth2AuthorizedClient client = manager == null ? null : manager.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(token.getAuthorizedClientRegistrationId()).principal(token)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response).build());
        if (client == null) {
            throw new ServiceCredentials.NotSignedIn(); // the refresh token expired too: sign in again
        }
        return "Bearer " + client.getAccessToken().getTokenValue();
    }
}
