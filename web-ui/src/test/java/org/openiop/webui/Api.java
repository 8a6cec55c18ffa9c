package org.openiop.webui;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A signed-in user of one service's JSON API, for setting up data the pages then show. */
final class Api {

    private final RestClient client;

    Api(String baseUrl, String user, String password) {
        this.client = RestClient.builder().baseUrl(baseUrl)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private Api(RestClient client) {
        this.client = client;
    }

    /** A user of the API with an OpenID Connect access token. */
    static Api bearer(String baseUrl, String accessToken) {
        return new Api(RestClient.builder().baseUrl(baseUrl).defaultHeaders(h -> h.setBearerAuth(accessToken))
                .build());
    }

    Map<String, Object> post(String path, Object body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    void put(String path, Object body) {
        client.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    void delete(String path) {
        client.delete().uri(path).retrieve().toBodilessEntity();
    }

    Map<String, Object> get(String path) {
        return client.get().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    List<Map<String, Object>> getList(String path) {
        return client.get().uri(path).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }
}
