package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.util.Map;

import org.junit.jupiter.api.Test;

class KeycloakRealmTest {

    @Test
    void realmHasThePlatformRolesAClientAndExampleUsers() {
        Map<String, Object> realm = Manifests.parse(Repo.path("deploy/keycloak/openiop-realm.json")).maps().get(0);
        assertThat(str(realm, "realm")).isEqualTo("openiop");
        assertThat(asList(at(realm, "roles", "realm")).stream().map(r -> str(r, "name")))
                .containsExactlyInAnyOrder("STAFF", "COMPLIANCE_OFFICER", "ADMIN");
        assertThat(asList(realm.get("clients")).stream().map(c -> str(c, "clientId"))).contains("openiop");
        assertThat(asList(realm.get("users"))).allSatisfy(u -> assertThat(asList(at(u, "realmRoles"))).isNotEmpty())
                .extracting(u -> str(u, "username")).contains("staff", "officer", "admin");
    }
}
