package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.asMap;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ComposeTest {

    static final Path COMPOSE = Repo.path("deploy/compose/compose.yaml");

    static Map<String, Object> services() {
        return asMap(Manifests.parse(COMPOSE).maps().get(0).get("services"));
    }

    @Test
    void composeRunsKraftKafkaPostgresTheServicesAMailCatcherAndOptionalKeycloak() {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("kafka", "postgres", "mailpit", "keycloak");
        assertThat(services).containsKeys(Repo.SERVICES.toArray(String[]::new));
        assertThat(str(services.get("kafka"), "image")).startsWith("apache/kafka:");
        assertThat(str(services.get("kafka"), "environment", "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(str(services.get("postgres"), "image")).isEqualTo("postgres:16");
        assertThat(asList(at(services.get("keycloak"), "profiles"))).containsExactly("keycloak");
        assertThat(asList(at(services.get("keycloak"), "volumes")))
                .anyMatch(v -> String.valueOf(v).startsWith("../keycloak/openiop-realm.json:"));
        assertThat(Files.exists(COMPOSE.getParent().resolve("../keycloak/openiop-realm.json"))).isTrue();
    }

    @Test
    void everyComposeServiceHasAHealthCheckAndLimits() {
        services().forEach((name, service) -> {
            Integer port = Repo.SERVICES.contains(name) ? ServiceCatalog.port(name) : null;
            assertThat(ManifestChecker.checkComposeService(name, asMap(service), port)).isEmpty();
        });
    }

    @Test
    void servicesAreBuiltFromTheSharedDockerfileAndWaitForKafkaAndPostgres() {
        Map<String, Object> services = services();
        for (String service : Repo.SERVICES) {
            Object s = services.get(service);
            Path context = COMPOSE.getParent().resolve(str(s, "build", "context")).normalize();
            assertThat(context).isEqualTo(Repo.path(service));
            // one shared recipe (deploy/docker/Dockerfile), told which jar and port by build arguments
            Path dockerfile = context.resolve(str(s, "build", "dockerfile")).normalize();
            assertThat(dockerfile).isEqualTo(Repo.path("deploy/docker/Dockerfile"));
            assertThat(Files.exists(dockerfile)).isTrue();
            assertThat(str(s, "build", "args", "SERVICE")).isEqualTo(service);
            assertThat(str(s, "build", "args", "PORT")).isEqualTo(String.valueOf(ServiceCatalog.port(service)));
            assertThat(str(s, "depends_on", "kafka", "condition")).isEqualTo("service_healthy");
            assertThat(str(s, "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
            assertThat(asList(at(s, "ports"))).containsExactly(ServiceCatalog.port(service) + ":" + ServiceCatalog.port(service));
        }
    }

    @Test
    void everyEnvironmentVariableMapsToAPropertyOfItsService() {
        Map<String, Object> services = services();
        for (String service : Repo.SERVICES) {
            var variables = ManifestChecker.composeEnvironment(asMap(services.get(service)));
            assertThat(variables).contains("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        }
        // compose.yaml and every override file (compose.oidc.yaml ...).
        for (Path file : Repo.files("deploy/compose", ".yaml", ".yml")) {
            Map<String, Object> all = asMap(Manifests.parse(file).maps().get(0).get("services"));
            for (String service : Repo.SERVICES) {
                if (all.containsKey(service)) {
                    var variables = ManifestChecker.composeEnvironment(asMap(all.get(service)));
                    assertThat(ManifestChecker.checkEnvironment(service, variables,
                            ServiceCatalog.knownProperties(service))).as(file.toString()).isEmpty();
                }
            }
        }
    }

    @Test
    void servicesCreateTopicsWithTheSamePartitionsAsKubernetes() {
        int partitions = KubernetesManifestsTest.commonPartitions();
        for (String service : Repo.SERVICES) {
            Object env = at(services().get(service), "environment", "IOP_TOPICS_PARTITIONS");
            if (env != null) {
                assertThat(String.valueOf(env)).isEqualTo(String.valueOf(partitions));
            }
        }
    }
}
