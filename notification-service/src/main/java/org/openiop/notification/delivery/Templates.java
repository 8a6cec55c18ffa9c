package org.openiop.notification.delivery;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.openiop.notification.contact.Language;
import org.springframework.core.io.ClassPathResource;

/**
 * The message texts, one file per language ({@code templates/messages_<lang>.properties}), with {@code {name}}
 * placeholders. Every language must define every key (checked by a test).
 */
public final class Templates {

    private final Map<Language, Map<String, String>> texts = new EnumMap<>(Language.class);

    public Templates() {
        for (Language language : Language.values()) {
            texts.put(language, load(language));
        }
    }

    /** All entries of one language, for checks. */
    public Map<String, String> all(Language language) {
        return texts.get(language);
    }

    public String text(Language language, String key, Map<String, String> values) {
        String template = texts.get(language).get(key);
        if (template == null) {
            throw new IllegalArgumentException("no template " + key + " in " + language);
        }
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue() == null ? "" : value.getValue());
        }
        return text;
    }

    private static Map<String, String> load(Language language) {
        Properties properties = new Properties();
        ClassPathResource file = new ClassPathResource("templates/messages_" + language.name() + ".properties");
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new TreeMap<>();
        properties.forEach((k, v) -> map.put((String) k, (String) v));
        return Map.copyOf(map);
    }
}
