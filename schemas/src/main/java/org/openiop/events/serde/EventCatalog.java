package org.openiop.events.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.openiop.events.EventTopics;

/**
 * Resolves the writer schema of a message from its 64-bit fingerprint, without a schema-registry server: every schema
 * version ever released is kept in this module ({@code history/}), so a reader can decode what an older writer wrote.
 */
public final class EventCatalog {

    static final String HISTORY_INDEX = "/org/openiop/events/history/index.txt";

    private static final EventCatalog INSTANCE;

    static {
        TrustedEventPackages.register();
        INSTANCE = load();
    }

    private final Map<Long, Schema> writerSchemasByFingerprint;
    private final Map<String, Schema> currentByFullName;
    private final Map<String, List<Schema>> historyByFullName;

    private EventCatalog(Map<Long, Schema> writers, Map<String, Schema> current, Map<String, List<Schema>> history) {
        this.writerSchemasByFingerprint = Collections.unmodifiableMap(writers);
        this.currentByFullName = Collections.unmodifiableMap(current);
        this.historyByFullName = Collections.unmodifiableMap(history);
    }

    public static EventCatalog get() {
        return INSTANCE;
    }

    /** The writer schema with this fingerprint, or null when no released version has it. */
    public Schema writerSchema(long fingerprint) {
        return writerSchemasByFingerprint.get(fingerprint);
    }

    /** The schema this code reads into, for a writer schema's full name (aliases included). */
    public Schema readerSchemaFor(Schema writer) {
        Schema reader = currentByFullName.get(writer.getFullName());
        if (reader != null) {
            return reader;
        }
        return currentByFullName.values().stream()
                .filter(s -> s.getAliases().contains(writer.getFullName()))
                .findFirst().orElse(null);
    }

    public Map<String, Schema> currentSchemas() {
        return currentByFullName;
    }

    /** Released versions of one event type, oldest first. */
    public List<Schema> history(String fullName) {
        return historyByFullName.getOrDefault(fullName, List.of());
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    private static EventCatalog load() {
        Map<Long, Schema> writers = new HashMap<>();
        Map<String, Schema> current = new HashMap<>();
        for (Class<? extends SpecificRecord> type : EventTopics.allEventTypes()) {
            Schema schema = SpecificData.get().getSchema(type);
            current.put(schema.getFullName(), schema);
            writers.put(fingerprint(schema), schema);
        }
        Map<String, List<Schema>> history = new HashMap<>();
        for (String file : historyFiles()) {
            Schema old = new Schema.Parser().parse(resource("/org/openiop/events/history/" + file));
            writers.putIfAbsent(fingerprint(old), old);
            history.computeIfAbsent(old.getFullName(), k -> new ArrayList<>()).add(old);
        }
        return new EventCatalog(writers, current, history);
    }

    /** File names listed in the history index, in release order (one per line, e.g. SessionScheduled.v1.avsc). */
    static List<String> historyFiles() {
        return resource(HISTORY_INDEX).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static String resource(String path) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
