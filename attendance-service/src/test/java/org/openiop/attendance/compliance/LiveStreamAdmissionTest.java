package org.openiop.attendance.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;

/** The live stream opens only for a known program, and a user holds at most 20 open streams. */
class LiveStreamAdmissionTest extends IntegrationTest {

    private HttpResponse<InputStream> open(String programId) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/programs/" + programId + "/compliance/stream")).header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString("admin:iop-admin".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void unknownProgramsAre404AndOpenStreamsAreCappedPerUser() throws Exception {
        HttpResponse<InputStream> unknown = open(newId());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new String(unknown.body().readAllBytes(), StandardCharsets.UTF_8)).contains("programId");

        String programId = newId();
        configureProgram(programId, 15);
        // configureProgram waits for the recording side; the stream asks compliance, which reads the same event with
        // its own consumer and may apply it a little later.
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql(
                "SELECT count(*) FROM compliance_program WHERE program_id = :p").param("p", programId)
                .query(Long.class).single() == 1);
        List<HttpResponse<InputStream>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                HttpResponse<InputStream> stream = open(programId);
                assertThat(stream.statusCode()).isEqualTo(200);
                streams.add(stream);
            }
            HttpResponse<InputStream> tooMany = open(programId);
            assertThat(tooMany.statusCode()).isEqualTo(429);
            assertThat(new String(tooMany.body().readAllBytes(), StandardCharsets.UTF_8)).contains("too-many-streams");
        } finally {
            for (HttpResponse<InputStream> stream : streams) {
                stream.body().close();
            }
        }
    }
}
