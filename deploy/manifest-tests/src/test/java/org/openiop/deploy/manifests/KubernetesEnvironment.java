package org.openiop.deploy.manifests;

import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.asMap;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.openiop.deploy.manifests.Manifests.ManifestFile;

/**
 * Every environment variable that base and overlays can put into a service's container: {@code env} of its
 * Deployment and of Deployment patches, the keys of the ConfigMaps/Secrets it loads with {@code envFrom} (every
 * document of that name, base or patch, and generator literals), and env entries added by JSON patches inline in a
 * kustomization. Over-approximates on purpose: a variable any overlay could set must be a real property.
 */
final class KubernetesEnvironment {

    private KubernetesEnvironment() {
    }

    static Set<String> variables(String service, List<ManifestFile> k8sFiles) {
        List<Map<String, Object>> docs = k8sFiles.stream().flatMap(f -> f.maps().stream()).toList();
        Set<String> variables = new LinkedHashSet<>();
        Set<String> configMaps = new LinkedHashSet<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (Map<String, Object> doc : docs) {
            if ("Deployment".equals(doc.get("kind")) && service.equals(str(doc, "metadata", "name"))) {
                ManifestChecker.ContainerEnvironment env = ManifestChecker.deploymentEnvironment(doc);
                variables.addAll(env.variables());
                configMaps.addAll(env.configMaps());
                secrets.addAll(env.secrets());
            }
            if ("Kustomization".equals(doc.get("kind"))) {
                variables.addAll(inlinePatchVariables(service, doc));
            }
        }
        variables.addAll(keysOf("ConfigMap", "configMapGenerator", configMaps, docs));
        variables.addAll(keysOf("Secret", "secretGenerator", secrets, docs));
        variables.remove(null);
        return variables;
    }

    /** Keys of the named ConfigMaps/Secrets ({@code prefix|name}), from documents and kustomize generators. */
    private static Set<String> keysOf(String kind, String generator, Set<String> refs, List<Map<String, Object>> docs) {
        Set<String> keys = new LinkedHashSet<>();
        for (String ref : refs) {
            String prefix = ref.substring(0, ref.indexOf('|'));
            String name = ref.substring(ref.indexOf('|') + 1);
            for (Map<String, Object> doc : docs) {
                if (kind.equals(doc.get("kind")) && name.equals(str(doc, "metadata", "name"))) {
                    asMap(doc.get("data")).keySet().forEach(k -> keys.add(prefix + k));
                    asMap(doc.get("stringData")).keySet().forEach(k -> keys.add(prefix + k));
                }
                if ("Kustomization".equals(doc.get("kind"))) {
                    for (Object g : asList(doc.get(generator))) {
                        if (name.equals(str(g, "name"))) {
                            for (Object literal : asList(at(g, "literals"))) {
                                String l = String.valueOf(literal);
                                keys.add(prefix + l.substring(0, Math.max(0, l.indexOf('='))));
                            }
                        }
                    }
                }
            }
        }
        return keys;
    }

    /** Env entries added by inline patches of a kustomization whose target may be this service's Deployment. */
    static List<String> inlinePatchVariables(String service, Map<String, Object> kustomization) {
        List<String> variables = new ArrayList<>();
        for (Object patch : asList(kustomization.get("patches"))) {
            Object text = at(patch, "patch");
            if (text == null) {
                continue;
            }
            String targetKind = str(patch, "target", "kind");
            String targetName = str(patch, "target", "name");
            boolean mayTarget = (targetKind == null || "Deployment".equals(targetKind))
                    && (targetName == null || service.equals(targetName));
            for (Object doc : Manifests.parseText(String.valueOf(text), false)) {
                if (doc instanceof Map<?, ?> m && "Deployment".equals(m.get("kind"))
                        && service.equals(str(m, "metadata", "name"))) {
                    variables.addAll(ManifestChecker.deploymentEnvironment(asMap(m)).variables());
                } else if (mayTarget) {
                    for (Object op : asList(doc)) {
                        if (Objects.toString(at(op, "path"), "").contains("/env")) {
                            Object value = at(op, "value");
                            (value instanceof List<?> l ? l : List.of(value == null ? Map.of() : value))
                                    .forEach(v -> variables.add(str(v, "name")));
                        }
                    }
                }
            }
        }
        return variables;
    }
}
