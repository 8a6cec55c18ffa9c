package org.openiop.deploy.manifests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.json.JsonMapper;

/** Parses manifests: YAML (several documents per file allowed, duplicate keys refused) and JSON. */
final class Manifests {

    /** One parsed file: its path relative to the repository and its non-empty documents. */
    record ManifestFile(Path path, List<Object> documents) {

        String relative() {
            return Repo.root().relativize(path).toString();
        }

        /** The documents that are maps (every Kubernetes/Compose/Grafana document is). */
        List<Map<String, Object>> maps() {
            return documents.stream().filter(Map.class::isInstance).map(Manifests::asMap).toList();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Manifests() {
    }

    static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        // A key written twice is a mistake that YAML would otherwise silently resolve to the last value.
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** Parses a file by its extension; throws (with the file's name) if it does not parse. */
    static ManifestFile parse(Path file) {
        String text = Repo.read(file);
        try {
            return new ManifestFile(file, parseText(text, file.getFileName().toString().endsWith(".json")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " does not parse: " + e.getMessage(), e);
        }
    }

    static List<Object> parseText(String text, boolean json) {
        List<Object> documents = new ArrayList<>();
        if (json) {
            documents.add(JSON.readValue(text, Object.class));
        } else {
            for (Object doc : yaml().loadAll(text)) {
                if (doc != null) {
                    documents.add(doc);
                }
            }
        }
        return documents;
    }

    /** Every YAML and JSON file under deploy/compose, deploy/k8s and deploy/observability, parsed. */
    static List<ManifestFile> all() {
        List<ManifestFile> files = new ArrayList<>();
        for (String dir : Repo.MANIFEST_DIRS) {
            for (Path p : Repo.files(dir, ".yaml", ".yml", ".json")) {
                files.add(parse(p));
            }
        }
        return files;
    }

    /** Every map document of every file under a directory. */
    static List<Map<String, Object>> documents(String dir) {
        return all().stream().filter(f -> f.relative().startsWith(dir + "/"))
                .flatMap(f -> f.maps().stream()).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : List.of();
    }

    /** Follows a path of map keys; null if any step is missing. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    static String str(Object root, String... keys) {
        Object v = at(root, keys);
        return v == null ? null : Objects.toString(v);
    }

    /** A deep, mutable copy of a parsed document (tests mutate copies, never the originals). */
    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }
}
