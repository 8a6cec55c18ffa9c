package org.openiop.backbone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Runs before Boot reads configuration files: names the service's own config file and adds the backbone's defaults
 * (lowest precedence, so every one can be overridden by a service file, the environment or the command line).
 */
public class BackboneEnvironment implements EnvironmentPostProcessor, Ordered {

    /** Loaded in this order, later files overriding earlier ones; a missing file is skipped. */
    static final List<String> DEFAULTS = List.of("org/openiop/backbone/backbone-defaults.properties",
            "org/openiop/backbone/messaging-defaults.properties");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String service = application.getAllSources().stream()
                .filter(Class.class::isInstance).map(Class.class::cast)
                .map(type -> AnnotatedElementUtils.findMergedAnnotation(type, IopService.class))
                .filter(java.util.Objects::nonNull)
                .map(IopService::value).findFirst().orElse(null);
        if (service == null) {
            return;
        }
        Map<String, Object> defaults = new HashMap<>();
        // backbone-web's defaults, then backbone-messaging's where that jar is on the classpath (its values win).
        for (String file : DEFAULTS) {
            ClassPathResource resource = new ClassPathResource(file);
            if (!resource.exists()) {
                continue;
            }
            try {
                Properties properties = PropertiesLoaderUtils.loadProperties(resource);
                properties.forEach((k, v) -> defaults.put((String) k, v));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        defaults.put("iop.service", service);
        defaults.put("spring.application.name", service + "-service");
        if (!environment.containsProperty("spring.config.name")) {
            defaults.put("spring.config.name", service + "-service");
        }
        // Defaults never replace a value given elsewhere, including an application's own default properties.
        defaults.keySet().removeIf(environment::containsProperty);
        DefaultPropertiesPropertySource.addOrMerge(defaults, environment.getPropertySources());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
