package org.openiop.webui.signin;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpSession;

/**
 * What the front door presents to the services for the signed-in user. Local profile: the user's own HTTP Basic
 * credentials, kept only in the server-side HTTP session (never in a cookie or a page) so each service still checks
 * the real user's roles and audits the real user. Production would sign in through OpenID Connect and relay the
 * user's access token instead (see docs/adr/0004-web-front-door.md).
 */
public record ServiceCredentials(String username, String password) implements Serializable {

    static final String SESSION_KEY = ServiceCredentials.class.getName();

    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static ServiceCredentials of(HttpSession session) {
        Object value = session == null ? null : session.getAttribute(SESSION_KEY);
        if (value instanceof ServiceCredentials credentials) {
            return credentials;
        }
        throw new NotSignedIn();
    }

    void keepIn(HttpSession session) {
        session.setAttribute(SESSION_KEY, this);
    }

    @Override
    public String toString() {
        return "ServiceCredentials[" + username + "]";
    }

    /** The session lost its credentials (e.g. it expired): the user signs in again. */
    public static class NotSignedIn extends RuntimeException {
        public NotSignedIn() {
            super("no service credentials in this session");
        }
    }
}
