package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one input policy every service gets from the backbone: strict JSON, plausible dates, no control characters,
 * every faulty field named in one problem+json, a body size cap, problem+json even where Tomcat refuses a request,
 * and a stateless API that a cross-site request cannot use. Nothing is stored after any 4xx.
 */
@SpringBootTest(classes = BackboneTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "iop.input.max-body-size=16KB")
class InputPolicyTest {

    private static final String STAFF = "Basic " + Base64.getEncoder()
            .encodeToString("staff:iop-staff".getBytes(StandardCharsets.UTF_8));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        String fields() {
            StringBuilder names = new StringBuilder();
            json().path("errors").forEach(e -> names.append(e.path("field").asString()).append(' '));
            return names.toString().strip();
        }
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private Answer post(String body) throws Exception {
        return send(request("/api/test-input/samples").header("Authorization", STAFF)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long stored() {
        return jdbc.sql("SELECT count(*) FROM input_sample").query(Long.class).single();
    }

    private void refused(String body, int status, String fields) throws Exception {
        long before = stored();
        Answer answer = post(body);
        assertThat(answer.status()).as(body).isEqualTo(status);
        assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
        if (fields != null) {
            assertThat(answer.fields()).as(body).isEqualTo(fields);
        }
        assertThat(stored()).as("nothing stored after " + body).isEqualTo(before);
    }

    @Test
    void aPlausibleRequestIsStored() throws Exception {
        long before = stored();
        String today = LocalDate.now().toString();
        assertThat(post("{\"name\":\"Ann\\tLee\",\"born\":\"1960-05-01\",\"day\":\"" + today
                + "\",\"count\":3,\"kind\":\"GROUP\"}").status()).isEqualTo(201);
        assertThat(stored()).isEqualTo(before + 1);
    }

    @Test
    void jsonIsReadStrictly() throws Exception {
        refused("{\"name\":\"a\",\"day\":20260101}", 400, "day");
        refused("{\"name\":\"a\",\"kind\":1}", 400, "kind");
        refused("{\"name\":\"a\",\"count\":1.5}", 400, "count");
        refused("{\"name\":\"a\",\"count\":4294967296}", 400, "count");
        refused("{\"name\":\"a\",\"count\":99999999999999999999999}", 400, "count");
        refused("{\"name\":\"a\"} {\"name\":\"b\"}", 400, null);
        refused("{\"name\":\"a\",", 400, null);
    }

    @Test
    void everyMalformedFieldIsNamedInOneAnswer() throws Exception {
        refused("{\"name\":\"a\",\"born\":\"-infinity\",\"day\":\"+999999999-12-31\",\"count\":1.5,\"kind\":7,"
                + "\"days\":[\"2026-01-01\",\"nope\"]}", 400, "born day count kind days[1]");
        Answer answer = post("{\"name\":\"a\",\"count\":4294967296}");
        assertThat(answer.json().path("errors").get(0).path("message").asString()).contains("out of range");
    }

    @Test
    void malformedAndInvalidFieldsAreNamedTogether() throws Exception {
        // a malformed date and a blank required name: both in one answer (bean validation runs on what could be read)
        refused("{\"name\":\" \",\"born\":\"-infinity\"}", 400, "born name");
        refused("{\"born\":\"1960-05-01\",\"count\":1.5,\"day\":\"" + LocalDate.now().plusYears(40) + "\"}", 400,
                "count day name");
        // an implausible date read fine but outside its field's window is a validation failure named beside them
        refused("{\"name\":\"" + "n".repeat(101) + "\",\"kind\":7,\"day\":\"" + LocalDate.now().plusYears(20) + "\"}",
                400, "kind day name");
        Answer answer = post("{\"name\":\"\",\"kind\":7}");
        assertThat(answer.json().path("errors").get(1).path("message").asString()).isEqualTo("must not be blank");
    }

    @Test
    void datesMustBePlausibleForTheirField() throws Exception {
        refused("{\"name\":\"a\",\"born\":\"0000-01-01\"}", 400, "born");
        refused("{\"name\":\"a\",\"born\":\"1850-01-01\"}", 400, "born");
        refused("{\"name\":\"a\",\"born\":\"" + LocalDate.now().plusDays(3) + "\"}", 400, "born");
        refused("{\"name\":\"a\",\"day\":\"" + LocalDate.now().plusYears(40) + "\"}", 400, "day");
        refused("{\"name\":\"a\",\"day\":\"-999999999-01-01\"}", 400, "day");
        Answer week = send(request("/api/test-input/week?date=%2B999999999-12-31").header("Authorization", STAFF));
        assertThat(week.status()).isEqualTo(400);
        assertThat(week.fields()).isEqualTo("date");
        assertThat(send(request("/api/test-input/week?date=2026-01-05").header("Authorization", STAFF)).status())
                .isEqualTo(200);
    }

    @Test
    void controlCharactersAreRefusedInBodiesAndParameters() throws Exception {
        refused("{\"name\":\"a\\u0000b\"}", 400, "name");
        refused("{\"name\":\"a\\u001bb\"}", 400, "name");
        Answer parameter = send(request("/api/test-input/week?date=2026-01-05&x=a%00b").header("Authorization", STAFF));
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.fields()).isEqualTo("x");
    }

    @Test
    void anOversizedBodyIs413ProblemJson() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(20_000) + "\"}";
        refused(big, 413, null);
        long before = stored();
        Answer streamed = send(request("/api/test-input/samples").header("Authorization", STAFF)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.contentType()).startsWith("application/problem+json");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void requestsTomcatRefusesGetProblemJsonToo() throws Exception {
        Answer slash = send(request("/api/test-input/a%2Fb").header("Authorization", STAFF));
        assertThat(slash.status()).isEqualTo(400);
        assertThat(slash.contentType()).startsWith("application/problem+json");
        assertThat(slash.body()).doesNotContain("<html").doesNotContain("Tomcat");
        Answer header = send(request("/api/test-input/week?date=2026-01-05").header("Authorization", STAFF)
                .header("X-Big", "y".repeat(20_000)));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.contentType()).startsWith("application/problem+json");
        assertThat(header.body()).doesNotContain("<html");
    }

    @Test
    void theApiIsStatelessAndRefusesCrossSiteChanges() throws Exception {
        Answer ok = send(request("/api/test-input/week?date=2026-01-05").header("Authorization", STAFF));
        assertThat(ok.headers().firstValue("Set-Cookie")).isEmpty();
        Answer anonymous = send(request("/api/test-input/week?date=2026-01-05"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(send(request("/login")).status()).as("no form login on a service").isNotEqualTo(200);

        long before = stored();
        // A cookie alone authenticates nothing.
        Answer cookieOnly = send(request("/api/test-input/cancel").header("Cookie", "JSESSIONID=0123456789ABCDEF")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cookieOnly.status()).isIn(401, 403);
        // Cached Basic credentials replayed by a browser on another site's form or fetch: refused before use.
        Answer fromOrigin = send(request("/api/test-input/cancel").header("Authorization", STAFF)
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(fromOrigin.status()).isEqualTo(403);
        assertThat(fromOrigin.json().path("code").asString()).isEqualTo("cross-site-request");
        Answer fetchMetadata = send(request("/api/test-input/cancel").header("Authorization", STAFF)
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(fetchMetadata.status()).isEqualTo(403);
        assertThat(stored()).isEqualTo(before);
        // The same call from a server (no browser headers) or the same origin works.
        assertThat(send(request("/api/test-input/cancel").header("Authorization", STAFF)
                .POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(200);
        assertThat(send(request("/api/test-input/cancel").header("Authorization", STAFF)
                .header("Origin", "http://127.0.0.1:" + port).POST(HttpRequest.BodyPublishers.noBody())).status())
                .isEqualTo(200);
        assertThat(stored()).isEqualTo(before + 2);
    }
}
