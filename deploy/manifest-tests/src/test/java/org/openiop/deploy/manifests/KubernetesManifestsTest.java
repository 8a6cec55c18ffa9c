package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.asMap;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openiop.deploy.manifests.Manifests.ManifestFile;

class KubernetesManifestsTest {

    private static final List<ManifestFile> K8S = Manifests.all().stream()
            .filter(f -> f.relative().startsWith("deploy/k8s/")).toList();

    private static List<Map<String, Object>> docs(String dir, String kind) {
        return K8S.stream().filter(f -> f.relative().startsWith(dir)).flatMap(f -> f.maps().stream())
                .filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> one(String dir, String kind, String name) {
        List<Map<String, Object>> found = docs(dir, kind).stream()
                .filter(d -> name.equals(str(d, "metadata", "name"))).toList();
        assertThat(found).as("%s %s in %s", kind, name, dir).hasSize(1);
        return found.get(0);
    }

    @Test
    void everyKubernetesDocumentHasApiVersionKindAndName() {
        assertThat(K8S).hasSizeGreaterThan(20);
        for (ManifestFile f : K8S) {
            assertThat(f.maps()).as(f.relative()).isNotEmpty();
            for (Map<String, Object> doc : f.maps()) {
                assertThat(doc).as(f.relative()).containsKeys("apiVersion", "kind");
                if (!"Kustomization".equals(doc.get("kind"))) {
                    assertThat(str(doc, "metadata", "name")).as(f.relative()).isNotBlank();
                }
            }
        }
    }

    @Test
    void kustomizationsReferToFilesThatExist() {
        for (ManifestFile f : K8S) {
            for (Map<String, Object> doc : f.maps()) {
                if (!"Kustomization".equals(doc.get("kind"))) {
                    continue;
                }
                List<String> refs = new ArrayList<>();
                asList(doc.get("resources")).forEach(r -> refs.add(String.valueOf(r)));
                asList(doc.get("patches")).stream().map(p -> str(p, "path")).filter(p -> p != null).forEach(refs::add);
                for (String ref : refs) {
                    assertThat(Files.exists(f.path().getParent().resolve(ref))).as("%s -> %s", f.relative(), ref)
                            .isTrue();
                }
            }
        }
        assertThat(Files.exists(Repo.path("deploy/k8s/overlays/local/kustomization.yaml"))).isTrue();
        assertThat(Files.exists(Repo.path("deploy/k8s/overlays/production/kustomization.yaml"))).isTrue();
    }

    @Test
    void eachServiceHasDeploymentServiceBudgetAutoscalerConfigAndNetworkPolicy() {
        for (String service : Repo.SERVICES) {
            for (String kind : List.of("Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler",
                    "NetworkPolicy")) {
                one("deploy/k8s/base", kind, service);
            }
            one("deploy/k8s/base", "ConfigMap", service + "-config");
        }
    }

    @Test
    void everyDeploymentHasProbesLimitsAndRunsAsNonRoot() {
        List<Map<String, Object>> full = K8S.stream().flatMap(f -> f.maps().stream())
                .filter(d -> "Deployment".equals(d.get("kind")))
                .filter(d -> at(d, "spec", "selector") != null) // patches carry no selector
                .toList();
        assertThat(full).hasSizeGreaterThanOrEqualTo(Repo.SERVICES.size());
        for (Map<String, Object> d : full) {
            boolean isService = Repo.SERVICES.contains(str(d, "metadata", "name"));
            assertThat(isService ? ManifestChecker.checkServiceDeployment(d) : ManifestChecker.checkDeployment(d))
                    .isEmpty();
        }
    }

    @Test
    void serviceContainersListenOnTheServicesPortAndProbeIt() {
        for (String service : Repo.SERVICES) {
            Map<String, Object> d = one("deploy/k8s/base", "Deployment", service);
            Object container = asList(at(d, "spec", "template", "spec", "containers")).get(0);
            Object http = asList(at(container, "ports")).get(0);
            assertThat(str(http, "containerPort")).isEqualTo(String.valueOf(ServiceCatalog.port(service)));
            assertThat(str(container, "readinessProbe", "httpGet", "port")).isIn(str(http, "name"),
                    str(http, "containerPort"));
            Map<String, Object> svc = one("deploy/k8s/base", "Service", service);
            assertThat(str(asList(at(svc, "spec", "ports")).get(0), "port"))
                    .isEqualTo(String.valueOf(ServiceCatalog.port(service)));
        }
    }

    @Test
    void everyEnvironmentVariableMapsToAPropertyOfItsService() {
        for (String service : Repo.SERVICES) {
            Set<String> variables = KubernetesEnvironment.variables(service, K8S);
            assertThat(variables).as(service).contains("SPRING_DATASOURCE_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    "SPRING_DATASOURCE_PASSWORD");
            assertThat(ManifestChecker.checkEnvironment(service, variables,
                    ServiceCatalog.knownProperties(service))).isEmpty();
        }
    }

    @Test
    void kafkaTopicsMatchTheTopicsTheServicesDeclare() {
        Set<String> expected = expectedTopics();
        int partitions = commonPartitions();
        assertThat(ManifestChecker.checkTopics(docs("deploy/k8s/base", "KafkaTopic"), expected, partitions, 3, 2))
                .isEmpty();
        // Production keeps replication 3 / min.insync.replicas 2: it patches no KafkaTopic.
        assertThat(docs("deploy/k8s/overlays/production", "KafkaTopic")).isEmpty();
        Map<String, Object> production = Manifests.parse(Repo.path("deploy/k8s/overlays/production/kustomization.yaml"))
                .maps().get(0);
        assertThat(asList(production.get("patches"))).noneMatch(p -> "KafkaTopic".equals(str(p, "target", "kind")));
    }

    @Test
    void servicesCreateTopicsLikeTheKafkaTopicsAndScaleNoFurtherThanPartitions() {
        int partitions = commonPartitions();
        Map<String, Object> platform = one("deploy/k8s/base", "ConfigMap", "openiop-platform");
        assertThat(str(platform, "data", "IOP_TOPICS_PARTITIONS")).isEqualTo(String.valueOf(partitions));
        assertThat(str(platform, "data", "IOP_TOPICS_REPLICATION")).isEqualTo("3");
        for (ManifestFile f : K8S) {
            for (Map<String, Object> d : f.maps()) {
                if ("ConfigMap".equals(d.get("kind")) && asMap(d.get("data")).containsKey("IOP_TOPICS_PARTITIONS")) {
                    assertThat(str(d, "data", "IOP_TOPICS_PARTITIONS")).as(f.relative())
                            .isEqualTo(String.valueOf(partitions));
                }
            }
        }
        for (Map<String, Object> hpa : docs("deploy/k8s/base", "HorizontalPodAutoscaler")) {
            int max = Integer.parseInt(str(hpa, "spec", "maxReplicas"));
            int min = Integer.parseInt(str(hpa, "spec", "minReplicas"));
            assertThat(max).as("more consumers than partitions would idle").isLessThanOrEqualTo(partitions);
            assertThat(min).isGreaterThanOrEqualTo(2);
            assertThat(str(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(str(hpa, "metadata", "name"));
        }
    }

    @Test
    void kafkaIsKraftWithNodePoolsAndPostgresIsCloudNativePg() {
        Map<String, Object> kafka = one("deploy/k8s/base", "Kafka", "openiop-kafka");
        assertThat(str(kafka, "metadata", "annotations", "strimzi.io/kraft")).isEqualTo("enabled");
        assertThat(str(kafka, "metadata", "annotations", "strimzi.io/node-pools")).isEqualTo("enabled");
        assertThat(str(kafka, "spec", "kafka", "config", "min.insync.replicas")).isEqualTo("2");
        assertThat(at(kafka, "spec", "zookeeper")).isNull();
        Set<String> roles = new TreeSet<>();
        for (Map<String, Object> pool : docs("deploy/k8s/base", "KafkaNodePool")) {
            assertThat(str(pool, "metadata", "labels", "strimzi.io/cluster")).isEqualTo("openiop-kafka");
            asList(at(pool, "spec", "roles")).forEach(r -> roles.add(String.valueOf(r)));
        }
        assertThat(roles).containsExactly("broker", "controller");
        Map<String, Object> cluster = one("deploy/k8s/base", "Cluster", "openiop-db");
        assertThat(str(cluster, "apiVersion")).startsWith("postgresql.cnpg.io/");
        assertThat(str(cluster, "spec", "bootstrap", "initdb", "database")).isEqualTo("openiop");
        // The Deployments read CloudNativePG's generated application secret <cluster>-app.
        String text = Repo.read(Repo.path("deploy/k8s/base/scheduling-service/deployment.yaml"));
        assertThat(text).contains("name: openiop-db-app");
    }

    @Test
    void networkPoliciesLetServicesReachOnlyKafkaPostgresDnsAndNotificationProviders() {
        for (String service : Repo.SERVICES) {
            Map<String, Object> policy = one("deploy/k8s/base", "NetworkPolicy", service);
            assertThat(asList(at(policy, "spec", "policyTypes"))).contains("Egress", "Ingress");
            Set<String> peers = new TreeSet<>();
            for (Object rule : asList(at(policy, "spec", "egress"))) {
                for (Object to : asList(at(rule, "to"))) {
                    peers.add(String.valueOf(at(to, "podSelector", "matchLabels")));
                    assertThat(at(to, "ipBlock")).as("base egress of %s", service).isNull();
                }
            }
            Set<String> allowed = new TreeSet<>(Set.of("{strimzi.io/cluster=openiop-kafka, strimzi.io/broker-role=true}",
                    "{cnpg.io/cluster=openiop-db}", "{k8s-app=kube-dns}"));
            if ("attendance-service".equals(service)) {
                allowed.add("{app.kubernetes.io/name=scheduling-service}"); // evidence exports name the client (ADR 0012)
            }
            assertThat(peers).containsExactlyInAnyOrderElementsOf(allowed);
        }
        // Overlays add egress only for the notification service (mail catcher locally, providers in production)
        // and, for every service and the front door, to the OpenID Connect provider's namespace on its HTTP(S) ports.
        for (ManifestFile f : K8S.stream().filter(f -> f.relative().startsWith("deploy/k8s/overlays/")).toList()) {
            for (Map<String, Object> d : f.maps()) {
                if (!"NetworkPolicy".equals(d.get("kind"))) {
                    continue;
                }
                if ("notification-service".equals(str(d, "spec", "podSelector", "matchLabels", "app.kubernetes.io/name"))) {
                    continue;
                }
                assertThat(str(d, "spec", "podSelector", "matchLabels", "app.kubernetes.io/component")).as(f.relative())
                        .isIn("service", "front-door");
                for (Object rule : asList(at(d, "spec", "egress"))) {
                    assertThat(asList(at(rule, "to"))).as(f.relative())
                            .allSatisfy(to -> assertThat(asMap(to)).containsOnlyKeys("namespaceSelector"));
                    assertThat(asList(at(rule, "ports")).stream().map(p -> str(p, "port"))).as(f.relative())
                            .isNotEmpty().allMatch(port -> Set.of("8080", "8443", "443").contains(port));
                }
            }
        }
    }

    static Set<String> expectedTopics() {
        Set<String> declared = new TreeSet<>();
        Repo.SERVICES.forEach(s -> declared.addAll(ServiceCatalog.declaredTopics(s)));
        assertThat(declared).as("topics declared by the services").isNotEmpty();
        assertThat(ServiceCatalog.eventTopics()).as("EventTopics").containsAll(declared);
        Set<String> expected = new TreeSet<>();
        for (String topic : ServiceCatalog.eventTopics()) {
            expected.add(topic);
            expected.add(topic + ServiceCatalog.dltSuffix());
        }
        return expected;
    }

    static int commonPartitions() {
        Set<Integer> partitions = new TreeSet<>();
        Repo.SERVICES.forEach(s -> partitions.add(ServiceCatalog.topicPartitions(s)));
        assertThat(partitions).as("services must agree on iop.topics.partitions").hasSize(1);
        return partitions.iterator().next();
    }
}
