package org.openiop.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.RealmRolesConverter;
import org.openiop.backbone.testapp.BackboneTestApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

@SpringBootTest(classes = BackboneTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecurityAndAuditTest {

    @LocalServerPort int port;
    @Autowired AuditTrail audit;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactionManager;

    private int status(String user, String password, String path) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port);
        if (user != null) {
            builder.defaultHeaders(h -> h.setBasicAuth(user, password));
        }
        return builder.build().get().uri(path).exchange((req, res) -> res.getStatusCode().value());
    }

    @Test
    void theAuditTrailIsForAdminsAndOfficersOnly() {
        assertThat(status(null, null, "/api/audit")).isEqualTo(401);
        assertThat(status("staff", "wrong", "/api/audit")).isEqualTo(401);
        assertThat(status("staff", "iop-staff", "/api/audit")).isEqualTo(403);
        assertThat(status("officer", "iop-officer", "/api/audit")).isEqualTo(200);
        assertThat(status("admin", "iop-admin", "/api/audit")).isEqualTo(200);
        assertThat(status(null, null, "/actuator/health")).isEqualTo(200);
    }

    @Test
    void anAuditedChangeCanBeFoundByClientAndCannotBeRewritten() {
        String client = UUID.randomUUID().toString();
        audit.change("enrolment", client, "track ADULT");

        List<?> entries = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth("officer", "iop-officer")).build()
                .get().uri("/api/audit?clientId=" + client).retrieve().body(List.class);
        assertThat(entries).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) entries.get(0);
        assertThat(entry).containsEntry("action", "CHANGE").containsEntry("actor", "system")
                .containsEntry("clientIds", List.of(client));

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_log SET actor = 'someone else' WHERE :c = ANY (client_ids)")
                .param("c", client).update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_log WHERE :c = ANY (client_ids)").param("c", client)
                .update()).hasMessageContaining("append-only");
    }

    @Test
    void aReadInsideAReadOnlyTransactionIsAuditedInItsOwnTransaction() {
        String client = UUID.randomUUID().toString();
        TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
        readOnly.setReadOnly(true);

        readOnly.executeWithoutResult(status -> audit.read("compliance-week", client));

        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE client_id = :c AND action = 'READ'")
                .param("c", client).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void keycloakRealmRolesBecomePlatformRolesAndUnknownRolesAreIgnored() {
        Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("u-1")
                .claim("preferred_username", "dana").claim("realm_access", Map.of("roles", List.of("STAFF", "offline_access")))
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();

        var authentication = new RealmRolesConverter().convert(jwt);

        assertThat(authentication.getName()).isEqualTo("dana");
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_STAFF");
    }
}
