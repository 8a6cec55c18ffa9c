package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.asMap;
import static org.openiop.deploy.manifests.Manifests.at;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.deploy.manifests.Manifests.ManifestFile;

/**
 * Proves the checks bite: each takes a mutated in-memory copy of a real manifest (a probe, a limit or a mapped
 * property removed or broken) and must report exactly that, while the unmutated original passes.
 */
class ManifestCheckerTest {

    private static Map<String, Object> deployment(String service) {
        Map<String, Object> original = Manifests.parse(Repo.path("deploy/k8s/base/" + service + "/deployment.yaml"))
                .maps().get(0);
        assertThat(ManifestChecker.checkServiceDeployment(original)).isEmpty();
        return Manifests.deepCopy(original);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return asMap(asList(at(deployment, "spec", "template", "spec", "containers")).get(0));
    }

    @Test
    void aDeploymentWithoutAProbeIsReported() {
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            Map<String, Object> d = deployment("attendance-service");
            container(d).remove(probe);
            assertThat(ManifestChecker.checkServiceDeployment(d)).as(probe).isNotEmpty()
                    .anyMatch(p -> p.contains("no " + probe));
        }
        Map<String, Object> wrongPath = deployment("attendance-service");
        asMap(at(container(wrongPath), "readinessProbe", "httpGet")).put("path", "/actuator/health");
        assertThat(ManifestChecker.checkServiceDeployment(wrongPath)).singleElement().asString()
                .contains("/actuator/health/readiness");
    }

    @Test
    void aDeploymentWithoutALimitIsReported() {
        Map<String, Object> noMemory = deployment("scheduling-service");
        asMap(at(container(noMemory), "resources", "limits")).remove("memory");
        assertThat(ManifestChecker.checkServiceDeployment(noMemory)).containsExactly(
                "Deployment scheduling-service container scheduling-service: no resources.limits.memory");

        Map<String, Object> noLimits = deployment("scheduling-service");
        asMap(at(container(noLimits), "resources")).remove("limits");
        assertThat(ManifestChecker.checkServiceDeployment(noLimits)).hasSize(2);
    }

    @Test
    void aRootPodIsReported() {
        Map<String, Object> d = deployment("notification-service");
        asMap(at(d, "spec", "template", "spec", "securityContext")).remove("runAsNonRoot");
        assertThat(ManifestChecker.checkServiceDeployment(d)).singleElement().asString().contains("runAsNonRoot");
    }

    @Test
    void anEnvironmentVariableThatMapsToNoPropertyIsReported() {
        KnownProperties attendance = ServiceCatalog.knownProperties("attendance-service");
        Map<String, Object> d = deployment("attendance-service");
        List<Object> env = asList(container(d).get("env"));
        List<String> names = new ArrayList<>(ManifestChecker.deploymentEnvironment(d).variables());
        assertThat(ManifestChecker.checkEnvironment("attendance-service", names, attendance)).isEmpty();

        Map<String, Object> unknown = new LinkedHashMap<>();
        unknown.put("name", "IOP_OUTBOX_BATCHES"); // iop.outbox has batch-size, not batches
        unknown.put("value", "100");
        env.add(unknown);
        Map<String, Object> typo = new LinkedHashMap<>(Map.of("name", "SPRING_DATASOURCE_URI", "value", "jdbc:x"));
        env.add(typo);
        List<String> mutated = ManifestChecker.deploymentEnvironment(d).variables();
        assertThat(ManifestChecker.checkEnvironment("attendance-service", mutated, attendance)).containsExactly(
                "attendance-service: environment variable IOP_OUTBOX_BATCHES maps to no configuration property of the service",
                "attendance-service: environment variable SPRING_DATASOURCE_URI maps to no configuration property of the service");
    }

    @Test
    void aPropertyRemovedFromTheServiceMakesItsVariableUnmapped() {
        // IOP_NOTIFICATION_SMS_BASEURL is set by the manifests; without the record component it maps to nothing.
        KnownProperties withoutSms = new KnownProperties().addAll(ServiceCatalog.bootMetadata());
        ConfigurationPropertiesSource source = new ConfigurationPropertiesSource();
        source.read(Repo.read(Repo.path(
                "notification-service/src/main/java/org/openiop/notification/NotificationProperties.java"))
                .replace("@NotBlank @DefaultValue(\"http://127.0.0.1:8083/local-sinks/sms\") String baseUrl,", ""));
        source.addTo(withoutSms);
        assertThat(ManifestChecker.checkEnvironment("notification-service", List.of("IOP_NOTIFICATION_SMS_BASEURL",
                "IOP_NOTIFICATION_SMS_AUTHTOKEN"), withoutSms)).singleElement().asString()
                .contains("IOP_NOTIFICATION_SMS_BASEURL");
    }

    @Test
    void aKubernetesConfigMapKeyIsCheckedLikeAnEnvEntry() {
        List<ManifestFile> k8s = new ArrayList<>(Manifests.all().stream()
                .filter(f -> f.relative().startsWith("deploy/k8s/")).toList());
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", Map.of("name", "scheduling-service-config"));
        configMap.put("data", Map.of("SCHEDULING_MADE_UP", "1"));
        k8s.add(new ManifestFile(Repo.path("deploy/k8s/overlays/test/extra.yaml"), List.of(configMap)));
        assertThat(ManifestChecker.checkEnvironment("scheduling-service",
                KubernetesEnvironment.variables("scheduling-service", k8s),
                ServiceCatalog.knownProperties("scheduling-service"))).singleElement().asString()
                .contains("SCHEDULING_MADE_UP");
    }

    @Test
    void aComposeServiceWithoutHealthCheckOrLimitsIsReported() {
        Map<String, Object> original = asMap(ComposeTest.services().get("notification-service"));
        assertThat(ManifestChecker.checkComposeService("notification-service", original, 8083)).isEmpty();

        Map<String, Object> noHealth = Manifests.deepCopy(original);
        noHealth.remove("healthcheck");
        assertThat(ManifestChecker.checkComposeService("notification-service", noHealth, 8083))
                .containsExactly("compose service notification-service: no healthcheck");

        Map<String, Object> livenessOnly = Manifests.deepCopy(original);
        asMap(livenessOnly.get("healthcheck")).put("test",
                List.of("CMD-SHELL", "curl -fsS http://127.0.0.1:8083/actuator/health/liveness"));
        assertThat(ManifestChecker.checkComposeService("notification-service", livenessOnly, 8083)).singleElement()
                .asString().contains("/actuator/health/readiness");

        Map<String, Object> noLimits = Manifests.deepCopy(original);
        asMap(at(noLimits, "deploy", "resources")).remove("limits");
        assertThat(ManifestChecker.checkComposeService("notification-service", noLimits, 8083)).hasSize(2);
    }

    @Test
    void topicsThatDoNotMatchTheServicesAreReported() {
        List<Map<String, Object>> topics = new ArrayList<>();
        for (Map<String, Object> doc : Manifests.parse(Repo.path("deploy/k8s/base/kafka/topics.yaml")).maps()) {
            topics.add(Manifests.deepCopy(doc));
        }
        var expected = KubernetesManifestsTest.expectedTopics();
        int partitions = KubernetesManifestsTest.commonPartitions();
        assertThat(ManifestChecker.checkTopics(topics, expected, partitions, 3, 2)).isEmpty();

        asMap(topics.get(0).get("spec")).put("partitions", partitions + 6);
        asMap(at(topics.get(1), "spec", "config")).put("min.insync.replicas", "1");
        Map<String, Object> removed = topics.remove(2);
        assertThat(ManifestChecker.checkTopics(topics, expected, partitions, 3, 2)).containsExactly(
                "KafkaTopic " + at(topics.get(0), "spec", "topicName") + ": partitions " + (partitions + 6)
                        + ", the services create it with " + partitions,
                "KafkaTopic " + at(topics.get(1), "spec", "topicName") + ": min.insync.replicas 1, expected 2",
                "no KafkaTopic for " + at(removed, "spec", "topicName"));

        assertThat(ManifestChecker.checkTopics(List.of(removed), List.of("iop.other.v1"), partitions, 3, 2))
                .contains("KafkaTopic " + at(removed, "spec", "topicName") + " is declared by no service");
    }
}
