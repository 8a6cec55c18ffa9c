package org.openiop.webui.services;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

/**
 * One service's JSON API, called as the signed-in user: every request carries that user's credentials (their
 * access token, or locally their password from the server-side session), so the service enforces the user's own
 * roles and audits the user by name.
 */
public final class Service {

    private final String name;
    private final String baseUrl;
    private final RestClient client;

    Service(String name, String baseUrl, RestClient.Builder builder, Supplier<String> authorization) {
        this.name = name;
        this.baseUrl = baseUrl;
        this.client = builder.clone().baseUrl(baseUrl)
                .requestInterceptor((request, body, execution) -> {
                    request.getHeaders().set(HttpHeaders.AUTHORIZATION, Gather.authorization(authorization));
                    return execution.execute(request, body);
                }).build();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public <T> T get(Class<T> type, String path, Object... vars) {
        return call(client.get().uri(path, vars), type);
    }

    public <T> T get(ParameterizedTypeReference<T> type, Function<UriBuilder, URI> uri) {
        return client.get().uri(uri).exchange((request, response) -> {
            if (response.getStatusCode().isError()) {
                throw problem(response.getStatusCode().value(), response);
            }
            return response.bodyTo(type);
        });
    }

    public <T> T get(ParameterizedTypeReference<T> type, String path, Object... vars) {
        return get(type, b -> b.path(path).build(vars));
    }

    public <T> T post(Class<T> type, Object body, String path, Object... vars) {
        return call(client.post().uri(path, vars).contentType(MediaType.APPLICATION_JSON).body(body), type);
    }

    public <T> T put(Class<T> type, Object body, String path, Object... vars) {
        return call(client.put().uri(path, vars).contentType(MediaType.APPLICATION_JSON).body(body), type);
    }

    public <T> T delete(Class<T> type, String path, Object... vars) {
        return call(client.delete().uri(path, vars), type);
    }

    /** The raw answer (e.g. a CSV export) with its content type and disposition, for pages that pass it through. */
    public Raw raw(Function<UriBuilder, URI> uri) {
        return client.get().uri(uri).exchange((request, response) -> {
            if (response.getStatusCode().isError()) {
                throw problem(response.getStatusCode().value(), response);
            }
            return new Raw(response.getHeaders().getContentType(),
                    response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION), response.getBody().readAllBytes());
        });
    }

    public record Raw(MediaType contentType, String disposition, byte[] body) {
    }

    private <T> T call(RestClient.RequestHeadersSpec<?> spec, Class<T> type) {
        return spec.exchange((request, response) -> {
            if (response.getStatusCode().isError()) {
                throw problem(response.getStatusCode().value(), response);
            }
            return type == Void.class ? null : response.bodyTo(type);
        });
    }

    private static ServiceProblem problem(int status,
            org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        Problem problem = null;
        try {
            MediaType type = response.getHeaders().getContentType();
            if (type != null && (type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    || type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
                problem = response.bodyTo(Problem.class);
            }
        } catch (RuntimeException e) {
            // an unreadable error body: the status alone is reported
        }
        return new ServiceProblem(status, problem);
    }
}
