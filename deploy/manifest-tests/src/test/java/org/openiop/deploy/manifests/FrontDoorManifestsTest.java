package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.openiop.deploy.manifests.Manifests.ManifestFile;

/**
 * The web front door is deployed wherever the services are: Kubernetes (Deployment with probes and limits,
 * Service, Ingress with TLS, NetworkPolicy) in the base every overlay builds on, its image in every overlay, its
 * public host consistent with the clients' link URL in production, OpenID Connect sign-in configured there; and
 * Compose runs it too.
 */
class FrontDoorManifestsTest {

    private static final List<ManifestFile> K8S = Manifests.all().stream()
            .filter(f -> f.relative().startsWith("deploy/k8s/")).toList();
    private static final List<String> OVERLAYS = List.of("local", "production");

    private static Map<String, Object> one(String dir, String kind, String name) {
        List<Map<String, Object>> found = K8S.stream().filter(f -> f.relative().startsWith(dir))
                .flatMap(f -> f.maps().stream())
                .filter(d -> kind.equals(d.get("kind")) && name.equals(str(d, "metadata", "name"))).toList();
        assertThat(found).as("%s %s in %s", kind, name, dir).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> kustomization(String overlay) {
        return Manifests.parse(Repo.path("deploy/k8s/overlays/" + overlay + "/kustomization.yaml")).maps().get(0);
    }

    @Test
    void theBaseDeploysTheFrontDoorWithProbesLimitsServiceIngressAndPolicy() {
        Map<String, Object> deployment = one("deploy/k8s/base", "Deployment", "web-ui");
        assertThat(ManifestChecker.checkServiceDeployment(deployment)).isEmpty();
        Object container = asList(at(deployment, "spec", "template", "spec", "containers")).get(0);
        assertThat(str(asList(at(container, "ports")).get(0), "containerPort")).isEqualTo("8080");
        assertThat(asList(at(container, "envFrom")).stream().map(e -> str(e, "configMapRef", "name")))
                .contains("openiop-platform", "web-ui-config");

        Map<String, Object> service = one("deploy/k8s/base", "Service", "web-ui");
        assertThat(str(asList(at(service, "spec", "ports")).get(0), "port")).isEqualTo("8080");
        assertThat(str(service, "spec", "selector", "app.kubernetes.io/name")).isEqualTo("web-ui");

        Map<String, Object> ingress = one("deploy/k8s/base", "Ingress", "web-ui");
        Object tls = asList(at(ingress, "spec", "tls")).get(0);
        assertThat(str(tls, "secretName")).isNotBlank();
        Object rule = asList(at(ingress, "spec", "rules")).get(0);
        assertThat(asList(at(tls, "hosts"))).contains(str(rule, "host"));
        Object path = asList(at(rule, "http", "paths")).get(0);
        assertThat(str(path, "backend", "service", "name")).isEqualTo("web-ui");

        Map<String, Object> policy = one("deploy/k8s/base", "NetworkPolicy", "web-ui");
        assertThat(asList(at(policy, "spec", "policyTypes"))).contains("Ingress", "Egress");
        Set<String> peers = new TreeSet<>();
        for (Object egress : asList(at(policy, "spec", "egress"))) {
            for (Object to : asList(at(egress, "to"))) {
                peers.add(String.valueOf(at(to, "podSelector", "matchLabels")));
            }
        }
        assertThat(peers).containsExactlyInAnyOrder("{app.kubernetes.io/name=scheduling-service}",
                "{app.kubernetes.io/name=attendance-service}", "{app.kubernetes.io/name=notification-service}",
                "{cnpg.io/cluster=openiop-db}", "{k8s-app=kube-dns}");
        one("deploy/k8s/base", "PodDisruptionBudget", "web-ui");
        one("deploy/k8s/base", "HorizontalPodAutoscaler", "web-ui");
        assertThat(asList(Manifests.parse(Repo.path("deploy/k8s/base/kustomization.yaml")).maps().get(0)
                .get("resources"))).contains("web-ui");
    }

    @Test
    void everyOverlayBuildsOnTheBaseAndSetsTheFrontDoorsImageAndHost() {
        for (String overlay : OVERLAYS) {
            Map<String, Object> k = kustomization(overlay);
            assertThat(asList(k.get("resources"))).as(overlay).contains("../../base");
            assertThat(asList(k.get("images")).stream().map(i -> str(i, "name"))).as(overlay)
                    .contains("openiop/web-ui");
        }
        // local: the Ingress answers at openiop.localhost without TLS
        assertThat(String.valueOf(kustomization("local").get("patches"))).contains("kind=Ingress, name=web-ui")
                .contains("openiop.localhost");
        // production: the public host with its certificate, and clients' links pointing at that host
        Map<String, Object> ingress = one("deploy/k8s/overlays/production", "Ingress", "web-ui");
        Object rule = asList(at(ingress, "spec", "rules")).get(0);
        String host = str(rule, "host");
        assertThat(asList(at(asList(at(ingress, "spec", "tls")).get(0), "hosts"))).contains(host);
        assertThat(asList(kustomization("production").get("patches")).stream().map(p -> str(p, "path")))
                .contains("web-ui-ingress.yaml", "web-ui-config.yaml");
        Map<String, Object> notification = one("deploy/k8s/overlays/production", "ConfigMap",
                "notification-service-config");
        assertThat(str(notification, "data", "IOP_NOTIFICATION_CLIENTLINKS_PAGEURL")).isEqualTo("https://" + host);
    }

    @Test
    void productionSignsInThroughOpenIdConnectWithTheRealmsClient() {
        Map<String, Object> config = one("deploy/k8s/overlays/production", "ConfigMap", "web-ui-config");
        assertThat(str(config, "data", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OPENIOP_CLIENTID"))
                .isEqualTo("openiop");
        assertThat(str(config, "data", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OPENIOP_AUTHORIZATIONGRANTTYPE"))
                .isEqualTo("authorization_code");
        assertThat(str(config, "data", "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_OPENIOP_ISSUERURI"))
                .isEqualTo(str(one("deploy/k8s/overlays/production", "ConfigMap", "openiop-platform"), "data",
                        "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"));
        String realm = Repo.read(Repo.path("deploy/keycloak/openiop-realm.json"));
        assertThat(realm).contains("/login/oauth2/code/openiop").contains("\"pkce.code.challenge.method\": \"S256\"");
    }

    @Test
    void composeRunsTheFrontDoor() {
        Map<String, Object> compose = Manifests.parse(Repo.path("deploy/compose/compose.yaml")).maps().get(0);
        Object webUi = at(compose, "services", "web-ui");
        assertThat(webUi).isNotNull();
        assertThat(asList(at(webUi, "ports"))).contains("8080:8080");
        assertThat(str(webUi, "environment", "IOP_WEBUI_SCHEDULINGURL")).isEqualTo("http://scheduling-service:8081");
        Map<String, Object> oidc = Manifests.parse(Repo.path("deploy/compose/compose.oidc.yaml")).maps().get(0);
        assertThat(str(oidc, "services", "web-ui", "environment",
                "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_OPENIOP_CLIENTID")).isEqualTo("openiop");
    }
}
