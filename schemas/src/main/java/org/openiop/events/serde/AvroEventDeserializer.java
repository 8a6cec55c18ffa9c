package org.openiop.events.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Avro single-object encoded events written by any released schema version into the current generated classes.
 * Anything else raises {@link UndecodableEventException}, which the consumers' error handler routes to the DLT
 * without retrying.
 */
public class AvroEventDeserializer implements Deserializer<SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    static {
        TrustedEventPackages.register();
    }

    private final EventCatalog catalog = EventCatalog.get();
    private final Map<Long, SpecificDatumReader<SpecificRecord>> readers = new ConcurrentHashMap<>();

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        return decode(data);
    }

    public SpecificRecord decode(byte[] data) {
        if (data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
            throw new UndecodableEventException("Not an Avro single-object encoded event (" + data.length
                    + " bytes, expected header C3 01 + 8-byte schema fingerprint)");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        SpecificDatumReader<SpecificRecord> reader = readers.computeIfAbsent(fingerprint, this::readerFor);
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH, data.length - HEADER_LENGTH,
                    null);
            SpecificRecord event = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new UndecodableEventException("Trailing bytes after event " + event.getSchema().getName());
            }
            return event;
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new UndecodableEventException("Corrupt event body for schema fingerprint "
                    + Long.toHexString(fingerprint) + ": " + e.getMessage(), e);
        }
    }

    private SpecificDatumReader<SpecificRecord> readerFor(long fingerprint) {
        Schema writer = catalog.writerSchema(fingerprint);
        if (writer == null) {
            throw new UndecodableEventException("Unknown schema fingerprint " + Long.toHexString(fingerprint)
                    + ": no released event schema has it");
        }
        Schema reader = catalog.readerSchemaFor(writer);
        if (reader == null) {
            throw new UndecodableEventException("Event type " + writer.getFullName() + " is no longer read by this code");
        }
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
}
