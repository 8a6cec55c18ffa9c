package org.openiop.events.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes an event as Avro single-object encoding: {@code C3 01}, the schema's 8-byte fingerprint, then the binary
 * body. The fingerprint is all a reader needs to find the writer schema in {@link EventCatalog}.
 */
public class AvroEventSerializer implements Serializer<SpecificRecord> {

    static {
        TrustedEventPackages.register();
    }

    private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        if (event == null) {
            return null;
        }
        return encode(event);
    }

    public byte[] encode(SpecificRecord event) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.computeIfAbsent(event.getSchema(),
                schema -> new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(event, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("Cannot encode " + event.getSchema().getName(), e);
        }
    }
}
