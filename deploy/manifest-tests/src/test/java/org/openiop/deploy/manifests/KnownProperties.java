package org.openiop.deploy.manifests;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration properties a service has, and whether an environment variable binds to one of them under
 * Spring Boot's relaxed binding for environment variables: upper case, {@code .} becomes {@code _}, {@code -} is
 * dropped (or, in the legacy form Boot still accepts, becomes {@code _} too), a list index {@code [0]} becomes
 * {@code _0}, and everything below a {@code Map} property binds.
 *
 * <p>Names are kept in canonical form ({@code iop.topics.partitions}, {@code iop.security.users[*].username}); a
 * trailing {@code .*} marks a map whose keys are free ({@code logging.level.*}).
 */
final class KnownProperties {

    private final Set<String> canonical = new TreeSet<>();
    private final Set<String> exactEnvForms = new TreeSet<>();
    private final Set<String> mapEnvPrefixes = new TreeSet<>();

    /** Adds a property in canonical form; {@code [n]} indices are generalised to {@code [*]}. */
    KnownProperties add(String name) {
        String n = name.trim().replaceAll("\\[\\d+]", "[*]");
        if (n.isEmpty()) {
            return this;
        }
        canonical.add(n);
        if (n.endsWith(".*")) {
            String map = n.substring(0, n.length() - 2);
            mapEnvPrefixes.add(envForm(map) + "_");
            mapEnvPrefixes.add(legacyEnvForm(map) + "_");
        } else {
            exactEnvForms.add(envForm(n));
            exactEnvForms.add(legacyEnvForm(n));
        }
        return this;
    }

    /** Adds a list-valued property: bindable as a whole (comma separated) and by index. */
    KnownProperties addList(String name) {
        add(name);
        return add(name + "[*]");
    }

    KnownProperties addAll(KnownProperties other) {
        other.canonical.forEach(this::add);
        return this;
    }

    boolean contains(String canonicalName) {
        return canonical.contains(canonicalName);
    }

    int size() {
        return canonical.size();
    }

    /** Whether an environment variable binds to one of these properties. */
    boolean acceptsEnv(String variable) {
        String normalized = normalizeEnv(variable);
        if (exactEnvForms.contains(normalized)) {
            return true;
        }
        return mapEnvPrefixes.stream().anyMatch(p -> normalized.startsWith(p) && normalized.length() > p.length());
    }

    /** The environment-variable form of a canonical property name, with {@code #} for any list index. */
    static String envForm(String canonicalName) {
        return canonicalName.replace("[*]", ".#").replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * The legacy form ({@code SystemEnvironmentPropertyMapper} still maps it): dashes become underscores, so
     * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} binds {@code spring.kafka.bootstrap-servers}.
     */
    static String legacyEnvForm(String canonicalName) {
        return canonicalName.replace("[*]", ".#").replace('-', '.').replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** An environment variable with its numeric segments (list indices) replaced by {@code #}. */
    static String normalizeEnv(String variable) {
        String[] parts = variable.split("_", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append('_');
            }
            sb.append(i > 0 && parts[i].matches("\\d+") ? "#" : parts[i]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return canonical.size() + " properties";
    }
}
