package org.openiop.attendance.evidence;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/**
 * Who an export is about, asked of scheduling-service (the only service that holds names) at export time, on behalf of
 * the user asking for the export: the user's own Authorization is relayed, so scheduling checks that user's role and
 * records the read of the enrolment in its own audit trail, as this service records the export in its own (ADR 0012).
 * Nothing is stored here and nothing travels in events. When scheduling cannot answer, the export still carries the
 * identifiers and says the name was unavailable, rather than failing an auditor's download.
 */
@Component
class ClientDirectory {

    private static final Logger log = LoggerFactory.getLogger(ClientDirectory.class);

    /** The client and program as an auditor reads them; {@code note} says why a part is missing, if it is. */
    record Identity(String displayName, LocalDate dateOfBirth, String track, Map<String, String> programNames,
            String note) {

        String programName(String programId) {
            return programNames.getOrDefault(programId, programId);
        }
    }

    private final RestClient scheduling;

    ClientDirectory(@Value("${attendance.evidence.scheduling-url:}") String schedulingUrl,
            @Value("${attendance.evidence.scheduling-timeout:5s}") Duration timeout) {
        if (schedulingUrl.isBlank()) {
            this.scheduling = null;
            return;
        }
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        this.scheduling = RestClient.builder().baseUrl(schedulingUrl).requestFactory(requests).build();
    }

    /** The identity of a client and the names of the given programs, asked with the caller's authorization. */
    Identity lookUp(String clientId, Iterable<String> programIds, String authorization) {
        Map<String, String> programs = new LinkedHashMap<>();
        if (scheduling == null) {
            return new Identity(null, null, null, programs, "client name not configured for this service "
                    + "(attendance.evidence.scheduling-url)");
        }
        try {
            JsonNode client = get("/api/clients/" + clientId, authorization).orElse(null);
            for (String programId : programIds) {
                get("/api/programs/" + programId, authorization)
                        .ifPresent(p -> programs.put(programId, p.path("name").asString()));
            }
            if (client == null) {
                return new Identity(null, null, null, programs, "client not found in scheduling-service");
            }
            return new Identity(client.path("displayName").asString(),
                    LocalDate.parse(client.path("dateOfBirth").asString()), client.path("track").asString(),
                    programs, null);
        } catch (RuntimeException e) {
            log.warn("Client details unavailable from scheduling-service for an evidence export: {}", e.toString());
            return new Identity(null, null, null, programs, "client name unavailable at export time "
                    + "(scheduling-service did not answer)");
        }
    }

    private Optional<JsonNode> get(String path, String authorization) {
        try {
            return Optional.ofNullable(scheduling.get().uri(path).header(HttpHeaders.AUTHORIZATION, authorization)
                    .retrieve().body(JsonNode.class));
        } catch (HttpClientErrorException.NotFound e) {
            return Optional.empty();
        }
    }
}
