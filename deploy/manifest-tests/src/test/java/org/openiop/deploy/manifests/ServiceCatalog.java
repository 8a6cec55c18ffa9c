package org.openiop.deploy.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the services say about themselves, read from the repository: their configuration files, the backbone's
 * defaults, their {@code @ConfigurationProperties} records, the Spring Boot metadata on their classpath, the topics
 * they declare and {@link org.openiop.events.EventTopics}.
 */
final class ServiceCatalog {

    /** backbone-web's defaults, then backbone-messaging's laid over them (as BackboneEnvironment does). */
    static final List<String> BACKBONE_DEFAULTS = List.of(
            "backbone-web/src/main/resources/org/openiop/backbone/backbone-defaults.properties",
            "backbone-messaging/src/main/resources/org/openiop/backbone/messaging-defaults.properties");

    private static final Map<String, KnownProperties> KNOWN = new ConcurrentHashMap<>();
    private static volatile KnownProperties bootMetadata;

    private ServiceCatalog() {
    }

    /** Every property the service has (see {@link KnownProperties}). */
    static KnownProperties knownProperties(String service) {
        return KNOWN.computeIfAbsent(service, ServiceCatalog::collect);
    }

    private static KnownProperties collect(String service) {
        KnownProperties known = new KnownProperties().addAll(bootMetadata());
        flatten(serviceConfig(service)).keySet().forEach(known::add);
        // Lists in the service's own files are bindable by index too.
        flatten(serviceConfig(service)).forEach((k, v) -> {
            if (v instanceof List<?>) {
                known.addList(k);
            }
        });
        backboneDefaults().stringPropertyNames().forEach(known::add);
        // A variable the configuration names in a placeholder (${IOP_ZOOM_WEBHOOK_SECRET:}) is read as written.
        List<Object> values = new ArrayList<>(flatten(serviceConfig(service)).values());
        values.addAll(backboneDefaults().values());
        Matcher placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher("");
        for (Object value : values) {
            placeholder.reset(String.valueOf(value));
            while (placeholder.find()) {
                known.add(placeholder.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            }
        }
        ConfigurationPropertiesSource.scan(List.of(Repo.path("backbone-web/src/main/java"),
                Repo.path("backbone-messaging/src/main/java"), Repo.path(service + "/src/main/java"))).addTo(known);
        // Set by the backbone's EnvironmentPostProcessor (BackboneEnvironment) for every service.
        known.add("iop.service");
        return known;
    }

    /**
     * Every property named in a {@code META-INF/spring-configuration-metadata.json} or
     * {@code additional-spring-configuration-metadata.json} on the classpath (the services' Spring Boot modules and
     * libraries); maps become {@code name.*}, lists and arrays also {@code name[*]}.
     */
    static KnownProperties bootMetadata() {
        if (bootMetadata == null) {
            KnownProperties known = new KnownProperties();
            JsonMapper json = JsonMapper.builder().build();
            for (String resource : List.of("META-INF/spring-configuration-metadata.json",
                    "META-INF/additional-spring-configuration-metadata.json")) {
                for (URL url : resources(resource)) {
                    try (InputStream in = url.openStream()) {
                        JsonNode root = json.readTree(in);
                        for (JsonNode p : root.path("properties")) {
                            String name = p.path("name").asString();
                            String type = p.path("type").asString("");
                            if (type.startsWith("java.util.Map") || type.contains("Map<")) {
                                known.add(name).add(name + ".*");
                            } else if (type.startsWith("java.util.List") || type.startsWith("java.util.Set")
                                    || type.startsWith("java.util.Collection") || type.endsWith("[]")) {
                                known.addList(name);
                            } else {
                                known.add(name);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            bootMetadata = known;
        }
        return bootMetadata;
    }

    private static List<URL> resources(String name) {
        try {
            return Collections.list(ServiceCatalog.class.getClassLoader().getResources(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's own configuration files ({@code <service>.yml} and profile variants), merged in file order. */
    static Map<String, Object> serviceConfig(String service) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Path file : serviceConfigFiles(service)) {
            String name = file.getFileName().toString();
            if (name.endsWith(".properties")) {
                Properties p = load(file);
                p.stringPropertyNames().forEach(k -> merged.put(k, p.getProperty(k)));
            } else {
                for (Object doc : Manifests.parseText(Repo.read(file), false)) {
                    merged.putAll(Manifests.asMap(doc));
                }
            }
        }
        return merged;
    }

    static List<Path> serviceConfigFiles(String service) {
        Path resources = Repo.path(service + "/src/main/resources");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(resources)) {
            try (var list = Files.list(resources)) {
                list.filter(p -> p.getFileName().toString().matches(Pattern.quote(service) + "(-[\\w-]+)?\\.(yml|yaml|properties)"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The main configuration file only (no profile variants): what the service runs with in every profile. */
    static Map<String, Object> mainConfig(String service) {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String ext : List.of("yml", "yaml")) {
            Path main = Repo.path(service + "/src/main/resources/" + service + "." + ext);
            if (Files.exists(main)) {
                for (Object doc : Manifests.parseText(Repo.read(main), false)) {
                    Map<String, Object> map = Manifests.asMap(doc);
                    if (Manifests.at(map, "spring", "config", "activate") == null) {
                        merged.putAll(map);
                    }
                }
            }
        }
        return merged;
    }

    static Properties backboneDefaults() {
        Properties merged = new Properties();
        BACKBONE_DEFAULTS.forEach(file -> merged.putAll(load(Repo.path(file))));
        return merged;
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Nested YAML maps as dotted keys; list elements that are maps as {@code key[*].child}. */
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                if (key.startsWith("[") && key.endsWith("]")) {
                    key = key.substring(1, key.length() - 1);
                }
                flatten(prefix.isEmpty() ? key : prefix + "." + key, v, flat);
            });
        } else if (node instanceof List<?> list) {
            flat.put(prefix, list);
            list.stream().filter(Map.class::isInstance).forEach(item -> flatten(prefix + "[*]", item, flat));
        } else if (!prefix.isEmpty()) {
            flat.put(prefix, node);
        }
    }

    /** The service's HTTP port (server.port of its configuration file). */
    static int port(String service) {
        Object port = flatten(serviceConfig(service)).get("server.port");
        if (port == null) {
            throw new IllegalStateException(service + " sets no server.port");
        }
        return Integer.parseInt(String.valueOf(port));
    }

    /** The logical topics a service declares (iop.topics.declare of its main configuration file). */
    static List<String> declaredTopics(String service) {
        Object declared = flatten(mainConfig(service)).get("iop.topics.declare");
        if (declared instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (declared instanceof String s && !s.isBlank()) {
            return List.of(s.split("\\s*,\\s*"));
        }
        return List.of();
    }

    /**
     * Partitions a service creates its topics with: its configuration file, else the backbone's defaults, else the
     * {@code @DefaultValue} of {@code IopProperties.Topics#partitions}.
     */
    static int topicPartitions(String service) {
        Object own = flatten(mainConfig(service)).get("iop.topics.partitions");
        if (own != null) {
            return Integer.parseInt(String.valueOf(own));
        }
        String fromDefaults = backboneDefaults().getProperty("iop.topics.partitions");
        if (fromDefaults != null) {
            return Integer.parseInt(fromDefaults.trim());
        }
        String source = Repo.read(Repo.path("backbone-messaging/src/main/java/org/openiop/backbone/IopProperties.java"));
        Matcher m = Pattern.compile("@DefaultValue\\(\"(\\d+)\"\\)\\s+int\\s+partitions").matcher(source);
        if (!m.find()) {
            throw new IllegalStateException("No default for iop.topics.partitions in IopProperties");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The topics of EventTopics (its String constants named iop.*) and the DLT suffix. */
    static List<String> eventTopics() {
        String source = Repo.read(Repo.path("schemas/src/main/java/org/openiop/events/EventTopics.java"));
        List<String> topics = new ArrayList<>();
        Matcher m = Pattern.compile("static\\s+final\\s+String\\s+\\w+\\s*=\\s*\"(iop\\.[^\"]+)\"").matcher(source);
        while (m.find()) {
            topics.add(m.group(1));
        }
        return topics;
    }

    static String dltSuffix() {
        String source = Repo.read(Repo.path("schemas/src/main/java/org/openiop/events/EventTopics.java"));
        Matcher m = Pattern.compile("DLT_SUFFIX\\s*=\\s*\"([^\"]+)\"").matcher(source);
        return m.find() ? m.group(1) : ".DLT";
    }
}
