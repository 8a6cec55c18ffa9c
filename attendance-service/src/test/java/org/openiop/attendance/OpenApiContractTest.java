package org.openiop.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.testsupport.OpenApiProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * attendance-service's OpenAPI document parses, names each schema once (the compliance and the evidence
 * {@code DayEvidence} are two schemas) and describes the controllers' bodies; every documented operation, fuzzed with
 * boundary and malformed values, answers no 5xx and stores nothing when it answers 4xx, as staff, as an officer and as an admin.
 */
class OpenApiContractTest extends IntegrationTest {

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;
    @Autowired DataSource dataSource;

    /** Every role that signs in to the service: each one's refusals must store nothing either. */
    private static final String[] ROLES = { "staff:iop-staff", "officer:iop-officer", "admin:iop-admin" };

    @Test
    void theDocumentDescribesTheControllers() {
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin");
        assertThat(probe.bodyMismatches(mapping)).isEmpty();
        assertThat(probe.document().getComponents().getSchemas())
                .containsKeys("ComplianceDayEvidence", "ClientDayEvidence").doesNotContainKey("DayEvidence");
    }

    @Test
    void everyDocumentedOperationSurvivesBoundaryAndMalformedValues() {
        String program = newId();
        String client = newId();
        configureProgram(program, 15);
        var session = publishMorningBlock(client, program, monday(1));
        awaitBooking(session.getBookingId());
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin").withIds(Map.of("programId", program,
                "clientId", client, "bookingId", session.getBookingId()));
        // compliance_week is the projection's: never written by a request, re-evaluated on its own by the week
        // closer (every 500 ms here, evaluated_at), so it would change under any request
        List<OpenApiProbe.Exchange> failures = probe.fuzzAsEach(OpenApiProbe.storedState(dataSource,
                Set.of("inbox", "audit_log", "processed_event", "compliance_week"), Set.of("outbox")), ROLES);
        assertThat(failures).isEmpty();
    }
}
