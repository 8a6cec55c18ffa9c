package org.openiop.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.openiop.testsupport.OpenApiProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * notification-service's OpenAPI document parses and describes the controllers' bodies; every documented operation,
 * fuzzed with boundary and malformed values, answers no 5xx and stores nothing when it answers 4xx, as staff, as an officer and as an admin.
 */
class OpenApiContractTest extends IntegrationTest {

    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping;
    @Autowired DataSource dataSource;

    /** Every role that signs in to the service: each one's refusals must store nothing either. */
    private static final String[] ROLES = { "staff:iop-staff", "officer:iop-officer", "admin:iop-admin" };

    @Test
    void theDocumentDescribesTheControllers() {
        assertThat(new OpenApiProbe(port, "admin", "iop-admin").bodyMismatches(mapping)).isEmpty();
    }

    @Test
    void everyDocumentedOperationSurvivesBoundaryAndMalformedValues() {
        String program = programConfigured("America/New_York");
        String client = id();
        contact(client, emailContact("fuzz@example.org", "en", "America/New_York"));
        OpenApiProbe probe = new OpenApiProbe(port, "admin", "iop-admin").withIds(Map.of("programId", program,
                "clientId", client));
        // Deliveries and the dispatch queue change on their own as the dispatcher works.
        List<OpenApiProbe.Exchange> failures = probe.fuzzAsEach(OpenApiProbe.storedState(dataSource,
                Set.of("inbox", "audit_log", "processed_event", "delivery", "delivery_attempt"), Set.of("outbox")),
                ROLES);
        assertThat(failures).isEmpty();
    }
}
