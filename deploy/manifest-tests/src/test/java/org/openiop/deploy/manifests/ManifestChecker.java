package org.openiop.deploy.manifests;

import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.asMap;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checks, as functions from parsed documents to a list of problems (empty = fine), so they can be run on the
 * real manifests and, in {@code ManifestCheckerTest}, on mutated copies to prove each one bites.
 */
final class ManifestChecker {

    /** Environment variables the JVM itself reads; they are not Spring properties. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "TZ",
            "MALLOC_ARENA_MAX");

    private ManifestChecker() {
    }

    /**
     * A Kubernetes Deployment: every container has readiness, liveness and startup probes, CPU and memory requests
     * and limits; the pod runs as non-root.
     */
    static List<String> checkDeployment(Map<String, Object> deployment) {
        List<String> problems = new ArrayList<>();
        String name = str(deployment, "metadata", "name");
        List<Object> containers = asList(at(deployment, "spec", "template", "spec", "containers"));
        if (containers.isEmpty()) {
            problems.add("Deployment " + name + ": no containers");
        }
        for (Object c : containers) {
            String where = "Deployment " + name + " container " + str(c, "name");
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                Object p = at(c, probe);
                if (p == null || (at(p, "httpGet") == null && at(p, "tcpSocket") == null && at(p, "exec") == null
                        && at(p, "grpc") == null)) {
                    problems.add(where + ": no " + probe);
                }
            }
            for (String kind : List.of("limits", "requests")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (at(c, "resources", kind, resource) == null) {
                        problems.add(where + ": no resources." + kind + "." + resource);
                    }
                }
            }
            boolean nonRoot = Boolean.TRUE.equals(at(deployment, "spec", "template", "spec", "securityContext",
                    "runAsNonRoot")) || Boolean.TRUE.equals(at(c, "securityContext", "runAsNonRoot"));
            if (!nonRoot) {
                problems.add(where + ": runAsNonRoot is not true");
            }
        }
        return problems;
    }

    /** An OpenIOP service's Deployment: also probes on the actuator's liveness and readiness groups. */
    static List<String> checkServiceDeployment(Map<String, Object> deployment) {
        List<String> problems = new ArrayList<>(checkDeployment(deployment));
        for (Object c : asList(at(deployment, "spec", "template", "spec", "containers"))) {
            String where = "Deployment " + str(deployment, "metadata", "name");
            expectPath(problems, where + " readinessProbe", str(c, "readinessProbe", "httpGet", "path"),
                    "/actuator/health/readiness");
            expectPath(problems, where + " livenessProbe", str(c, "livenessProbe", "httpGet", "path"),
                    "/actuator/health/liveness");
        }
        return problems;
    }

    private static void expectPath(List<String> problems, String where, String actual, String expected) {
        if (!expected.equals(actual)) {
            problems.add(where + ": path is " + actual + ", expected " + expected);
        }
    }

    /**
     * A Compose service: a health check, CPU and memory limits; for an OpenIOP service a health check that asks the
     * actuator's liveness and readiness on the service's own port.
     */
    static List<String> checkComposeService(String name, Map<String, Object> service, Integer actuatorPort) {
        List<String> problems = new ArrayList<>();
        Object test = at(service, "healthcheck", "test");
        if (test == null || Boolean.TRUE.equals(at(service, "healthcheck", "disable"))) {
            problems.add("compose service " + name + ": no healthcheck");
        } else if (actuatorPort != null) {
            String command = test instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList())
                    : String.valueOf(test);
            for (String group : List.of("liveness", "readiness")) {
                if (!command.contains(":" + actuatorPort + "/actuator/health/" + group)) {
                    problems.add("compose service " + name + ": healthcheck does not ask /actuator/health/" + group
                            + " on port " + actuatorPort);
                }
            }
        }
        for (String resource : List.of("cpus", "memory")) {
            if (at(service, "deploy", "resources", "limits", resource) == null) {
                problems.add("compose service " + name + ": no deploy.resources.limits." + resource);
            }
        }
        return problems;
    }

    /** Environment variables of a service that bind to no property of that service. */
    static List<String> checkEnvironment(String service, Collection<String> variables, KnownProperties known) {
        List<String> problems = new ArrayList<>();
        for (String variable : variables) {
            if (!JVM_VARIABLES.contains(variable) && !known.acceptsEnv(variable)) {
                problems.add(service + ": environment variable " + variable
                        + " maps to no configuration property of the service");
            }
        }
        return problems;
    }

    /** The names a Compose service's {@code environment} sets (map or list form). */
    static List<String> composeEnvironment(Map<String, Object> service) {
        Object env = at(service, "environment");
        if (env instanceof Map<?, ?> m) {
            return m.keySet().stream().map(String::valueOf).toList();
        }
        return asList(env).stream().map(String::valueOf).map(s -> s.contains("=") ? s.substring(0, s.indexOf('='))
                : s).toList();
    }

    /** The names set by {@code env} of a Deployment's containers, and the ConfigMaps/Secrets it loads whole. */
    record ContainerEnvironment(List<String> variables, List<String> configMaps, List<String> secrets) {
    }

    static ContainerEnvironment deploymentEnvironment(Map<String, Object> deployment) {
        List<String> variables = new ArrayList<>();
        List<String> configMaps = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (Object c : asList(at(deployment, "spec", "template", "spec", "containers"))) {
            for (Object e : asList(at(c, "env"))) {
                variables.add(str(e, "name"));
            }
            for (Object from : asList(at(c, "envFrom"))) {
                String prefix = Objects.toString(at(from, "prefix"), "");
                if (at(from, "configMapRef") != null) {
                    configMaps.add(prefix + "|" + str(from, "configMapRef", "name"));
                }
                if (at(from, "secretRef") != null) {
                    secrets.add(prefix + "|" + str(from, "secretRef", "name"));
                }
            }
        }
        return new ContainerEnvironment(variables, configMaps, secrets);
    }

    /**
     * KafkaTopics against the topics the services declare: the same names (each topic and its DLT, nothing more,
     * nothing missing), each with the services' partition count, {@code replicas} and {@code min.insync.replicas}.
     */
    static List<String> checkTopics(List<Map<String, Object>> kafkaTopics, Collection<String> expectedTopics,
            int partitions, int replicas, int minInsyncReplicas) {
        List<String> problems = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map<String, Object> topic : kafkaTopics) {
            String name = Objects.toString(at(topic, "spec", "topicName"), str(topic, "metadata", "name"));
            names.add(name);
            if (!Objects.equals(String.valueOf(partitions), str(topic, "spec", "partitions"))) {
                problems.add("KafkaTopic " + name + ": partitions " + str(topic, "spec", "partitions")
                        + ", the services create it with " + partitions);
            }
            if (!Objects.equals(String.valueOf(replicas), str(topic, "spec", "replicas"))) {
                problems.add("KafkaTopic " + name + ": replicas " + str(topic, "spec", "replicas") + ", expected "
                        + replicas);
            }
            Object isr = asMap(at(topic, "spec", "config")).get("min.insync.replicas");
            if (!Objects.equals(String.valueOf(minInsyncReplicas), Objects.toString(isr, null))) {
                problems.add("KafkaTopic " + name + ": min.insync.replicas " + isr + ", expected " + minInsyncReplicas);
            }
            if (str(topic, "metadata", "labels", "strimzi.io/cluster") == null) {
                problems.add("KafkaTopic " + name + ": no strimzi.io/cluster label");
            }
        }
        for (String expected : expectedTopics) {
            if (!names.contains(expected)) {
                problems.add("no KafkaTopic for " + expected);
            }
        }
        for (String name : names) {
            if (!expectedTopics.contains(name)) {
                problems.add("KafkaTopic " + name + " is declared by no service");
            }
            if (names.stream().filter(name::equals).count() > 1) {
                problems.add("KafkaTopic " + name + " defined more than once");
            }
        }
        return problems.stream().distinct().toList();
    }
}
