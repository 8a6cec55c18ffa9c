package org.openiop.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.openiop.events.serde.EventCatalog;

/**
 * The build's compatibility gate. Every current schema must (1) be recorded as the newest version in history/, and
 * (2) read data written by every earlier version and be readable by every earlier version (full compatibility), so
 * producers and consumers can be upgraded in any order. Run with {@code -Dschemas.record=true} to append the current
 * schemas as new versions after a deliberate, compatible change.
 */
class SchemaHistoryTest {

    private static final Path HISTORY = Path.of("src/main/resources/org/openiop/events/history");

    @Test
    void everyCurrentSchemaIsTheNewestRecordedVersion() throws IOException {
        EventCatalog catalog = EventCatalog.get();
        List<String> missing = new ArrayList<>();
        for (Schema current : catalog.currentSchemas().values()) {
            List<Schema> history = catalog.history(current.getFullName());
            boolean recorded = !history.isEmpty() && SchemaNormalization.parsingFingerprint64(history.get(history.size() - 1))
                    == SchemaNormalization.parsingFingerprint64(current);
            if (!recorded) {
                if (Boolean.getBoolean("schemas.record")) {
                    record(current, history.size() + 1);
                } else {
                    missing.add(current.getName() + " (run ./mvnw -pl schemas test -Dschemas.record=true after checking compatibility)");
                }
            }
        }
        assertThat(missing).as("schemas changed without a new history version").isEmpty();
    }

    @Test
    void everyCurrentSchemaIsFullyCompatibleWithEveryEarlierVersion() {
        EventCatalog catalog = EventCatalog.get();
        List<String> breaks = new ArrayList<>();
        for (Schema current : catalog.currentSchemas().values()) {
            for (Schema old : catalog.history(current.getFullName())) {
                check(breaks, "new reads old", current, old);
                check(breaks, "old reads new", old, current);
            }
        }
        assertThat(breaks).as("incompatible schema changes").isEmpty();
    }

    @Test
    void theGateCatchesABreakingChange() {
        Schema v1 = new Schema.Parser().parse("""
                {"type":"record","name":"X","fields":[{"name":"a","type":"int"}]}""");
        Schema renamedWithoutDefault = new Schema.Parser().parse("""
                {"type":"record","name":"X","fields":[{"name":"b","type":"int"}]}""");
        List<String> breaks = new ArrayList<>();
        check(breaks, "new reads old", renamedWithoutDefault, v1);
        assertThat(breaks).hasSize(1);
    }

    private static void check(List<String> breaks, String direction, Schema reader, Schema writer) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            breaks.add(reader.getFullName() + " " + direction + ": " + result.getResult().getIncompatibilities());
        }
    }

    private static void record(Schema current, int version) throws IOException {
        String file = current.getName() + ".v" + version + ".avsc";
        Files.writeString(HISTORY.resolve(file), current.toString(true) + "\n");
        Files.writeString(HISTORY.resolve("index.txt"), file + "\n", java.nio.file.StandardOpenOption.APPEND);
    }
}
