package org.openiop.webui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openiop.webui.WebUiApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The front door's cookies and sign-in: the session cookie is SameSite=Lax and HttpOnly, a state change posted from
 * another site with the user's cookie but without the page's CSRF token changes nothing, and repeated wrong
 * passwords lock the user with a clear message, audited.
 */
@SpringBootTest(classes = WebUiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "iop.security.sign-in.free-failures=3", "iop.security.sign-in.initial-lock=30s" })
class FrontDoorSignInTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signIn(String user, String password) throws Exception {
        Matcher token = CSRF.matcher(get("/login").body());
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        return postForm("/login", "username=" + user + "&password=" + URLEncoder.encode(password,
                StandardCharsets.UTF_8) + "&_csrf=" + token.group(1), null);
    }

    @Test
    void theSessionCookieIsSameSiteAndACrossSitePostChangesNothing() throws Exception {
        HttpResponse<String> signedIn = signIn("staff", "iop-staff");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String cookie = String.join("; ", signedIn.headers().allValues("Set-Cookie"));
        assertThat(cookie).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly");

        // What a form on another site can send: the session cookie (if the browser sent it at all), no CSRF token.
        HttpResponse<String> forged = postForm("/staff/bookings/" + UUID.randomUUID() + "/cancel",
                "reason=CLIENT_REQUEST", "http://evil.example");
        assertThat(forged.statusCode()).isEqualTo(403);
    }

    @Test
    void repeatedWrongPasswordsLockTheUserWithAClearMessage() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(signIn("officer", "guess-" + i).headers().firstValue("Location").orElse(""))
                    .contains("/login?error");
        }
        HttpResponse<String> locked = signIn("officer", "iop-officer");
        String location = locked.headers().firstValue("Location").orElse("");
        assertThat(location).contains("/login?locked=");
        assertThat(get(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery()).body())
                .contains("Too many failed sign-ins. Try again in");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN_LOCKED'")
                .query(Long.class).single()).isPositive();
    }
}
