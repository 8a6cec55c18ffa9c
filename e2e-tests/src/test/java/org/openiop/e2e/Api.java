package org.openiop.e2e;

import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A signed-in user of one service's JSON API, as curl would be. */
public final class Api {

    private final RestClient client;

    public Api(String baseUrl, String user, String password) {
        this.client = RestClient.builder().baseUrl(baseUrl)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    public Map<String, Object> post(String path, Object body) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    public Map<String, Object> put(String path, Object body) {
        return client.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    public Map<String, Object> get(String path) {
        return client.get().uri(path).retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
    }

    public List<Map<String, Object>> getList(String path) {
        return client.get().uri(path).retrieve().body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
    }

    public int status(String path) {
        return client.get().uri(path).exchange((request, response) -> response.getStatusCode().value());
    }
}
