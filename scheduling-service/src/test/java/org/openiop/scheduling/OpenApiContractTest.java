package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.OpenApiProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document as a generated client reads it: it parses, each request body is the record its controller
 * takes (one-off sessions, series and previews no longer share a "Create"), real request bodies from the tests
 * validate against it, and every documented operation, fuzzed with boundary and malformed values, answers no 5xx
 * and stores nothing when it answers 4xx (reads
 * included), as staff, as an officer and as an admin.
 */
class OpenApiContractTest extends SchedulingTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;
    @Autowired DataSource dataSource;

    /** Every role that signs in to the service: each one's refusals must store nothing either. */
    private static final String[] ROLES = { "staff:iop-staff", "officer:iop-officer", "admin:iop-admin" };

    @Test
    void theDocumentDescribesTheControllers() {
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin");
        assertThat(probe.bodyMismatches(mapping)).isEmpty();
        assertThat(probe.document().getComponents().getSchemas()).containsKeys("SessionCreate", "SeriesCreate");
    }

    @Test
    void realRequestBodiesValidateAgainstTheDocument() {
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin");
        String program = createProgram("America/Chicago");
        LocalDate day = februaryMonday();
        Map<String, List<String>> bodies = Map.of(
                "/api/programs", List.of(JSON.writeValueAsString(programBody("America/Chicago"))),
                "/api/programs/" + program + "/enrolments", List.of(JSON.writeValueAsString(Map.of(
                        "displayName", "Client A", "dateOfBirth", "1990-04-02", "admissionDate", day.toString()))),
                "/api/programs/" + program + "/sessions", List.of(JSON.writeValueAsString(Map.of("type", "GROUP",
                        "date", day.toString(), "block", "EVENING", "capacity", 8, "topic", "CBT"))),
                "/api/programs/" + program + "/series/preview", List.of(JSON.writeValueAsString(Map.of(
                        "clientId", java.util.UUID.randomUUID().toString(), "type", "GROUP", "block", "EVENING", "topic", "Relapse prevention",
                        "startDate", day.toString(), "daysOfWeek", List.of("MONDAY", "WEDNESDAY"), "weeks", 4))));
        bodies.forEach((path, list) -> list.forEach(body ->
                assertThat(probe.validate("POST", path, body)).as(path + " " + body).isEmpty()));
        // The validator does tell a wrong body apart: a client id that is not a UUID is refused.
        assertThat(probe.validate("POST", "/api/programs/" + program + "/series/preview",
                "{\"clientId\":\"c1\",\"type\":\"GROUP\",\"block\":\"EVENING\",\"startDate\":\""
                        + day + "\",\"daysOfWeek\":[\"MONDAY\"],\"weeks\":4}")).isNotEmpty();
    }

    @Test
    void everyDocumentedOperationSurvivesBoundaryAndMalformedValues() {
        String program = createProgram("America/Chicago");
        LocalDate day = februaryMonday();
        String client = enrol(program, day.minusDays(7));
        String session = groupSession(program, day, "EVENING", 8);
        String booking = staff.post("/api/sessions/" + session + "/bookings", Map.of("clientId", client)).id();
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin").withIds(Map.of("programId", program,
                "clientId", client, "sessionId", session, "bookingId", booking, "id", program));
        List<OpenApiProbe.Exchange> failures = probe.fuzzAsEach(OpenApiProbe.storedState(dataSource,
                Set.of("inbox", "audit_log", "processed_event"), Set.of("outbox")), ROLES);
        assertThat(failures).isEmpty();
    }
}
