package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The backbone's generic client-link hook and the problem+json answers of 401 and 403, against a test service whose
 * verifier knows one valid and one expired token.
 */
@SpringBootTest(classes = BackboneTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClientLinkSecurityTest {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    record Answer(int status, MediaType type, String challenge, String body) {
    }

    private Answer get(String path, Consumer<HttpHeaders> headers) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build().get().uri(path).headers(headers)
                .exchange((req, res) -> new Answer(res.getStatusCode().value(), res.getHeaders().getContentType(),
                        res.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE),
                        new String(res.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Consumer<HttpHeaders> link(String token) {
        return h -> h.set("X-Client-Link", token);
    }

    @Test
    void aValidLinkIsTheClientScopeAndIsAuditedAsTheLink() {
        Answer me = get("/api/client-portal/me", link("token-of-client-a"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains("client-a");
        assertThat(jdbc.sql("SELECT actor || ' ' || role FROM audit_event WHERE client_id = 'client-a' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).isEqualTo("client-link:link-1 ROLE_CLIENT");
        // a calendar app cannot send headers: the feed takes the token as a query parameter
        assertThat(get("/api/client-portal/calendar.ics?link=token-of-client-a", h -> { }).status()).isEqualTo(200);
        // ... but nothing else does
        assertThat(get("/api/client-portal/me?link=token-of-client-a", h -> { }).status()).isEqualTo(401);
    }

    @Test
    void aClientLinkReachesNoStaffEndpoint() {
        Answer audit = get("/api/audit", link("token-of-client-a"));
        assertThat(audit.status()).isEqualTo(403);
        assertThat(audit.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(audit.body()).contains("\"status\":403").contains("\"code\":\"forbidden\"");
        // an endpoint no rule names needs a staff role, not just any signed-in caller
        assertThat(get("/api/anything-else", link("token-of-client-a")).status()).isEqualTo(403);
    }

    @Test
    void expiredUnknownOrMissingCredentialsAre401ProblemsWithAChallenge() {
        for (Answer answer : new Answer[] { get("/api/client-portal/me", link("expired-token")),
                get("/api/client-portal/me", link("forged")), get("/api/client-portal/me", h -> { }),
                get("/api/audit", h -> h.setBasicAuth("staff", "wrong")) }) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
            assertThat(answer.challenge()).startsWith("Basic");
            assertThat(answer.body()).contains("\"status\":401");
        }
        assertThat(get("/api/client-portal/me", link("expired-token")).body()).contains("client-link-invalid");
    }

    @Test
    void staffWithAValidRoleAreForbiddenFromTheClientScopeAsProblemJson() {
        Answer answer = get("/api/client-portal/me", h -> h.setBasicAuth("staff", "iop-staff"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
    }
}
