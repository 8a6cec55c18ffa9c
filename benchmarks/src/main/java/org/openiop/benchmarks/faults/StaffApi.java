package org.openiop.benchmarks.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One signed-in user of one service's JSON API (HTTP Basic, as curl would be). A call that fails because the platform
 * is down or restarting is retried until it gets an answer, so the workload rides through the faults; an answer in
 * {@code acceptedConflicts} (e.g. 409 "already recorded" after a retry whose first attempt did commit) counts as done.
 */
final class StaffApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final String base;
    private final String authorization;

    StaffApi(String base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET(), Set.of());
    }

    JsonNode post(String path, Object body, Integer... acceptedConflicts) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), Set.of(acceptedConflicts));
    }

    JsonNode put(String path, Object body) {
        return call(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), Set.of());
    }

    private JsonNode call(HttpRequest.Builder builder, Set<Integer> accepted) {
        HttpRequest request = builder.header("Authorization", authorization).timeout(Duration.ofSeconds(60)).build();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int attempt = 0;
        while (true) {
            String failure;
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status < 300) {
                    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
                }
                if (attempt > 0 && accepted.contains(status)) {
                    return JSON.nullNode(); // an earlier attempt did commit
                }
                if (status < 500 && status != 404 && status != 401) {
                    throw new IllegalStateException(request.method() + " " + request.uri() + ": " + status + " "
                            + response.body());
                }
                // 5xx while the database or a dependency restarts; 404 or 401 while a service is still starting
                failure = status + " " + response.body();
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " kept failing: " + failure);
            }
            attempt++;
            Pause.of(Duration.ofMillis(Math.min(2000, 100L * attempt)));
        }
    }
}
