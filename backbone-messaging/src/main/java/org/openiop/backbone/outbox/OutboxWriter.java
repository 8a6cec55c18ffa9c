package org.openiop.backbone.outbox;

import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.IopProperties;
import org.openiop.events.EventTopics;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records an event in the outbox table inside the caller's transaction, so the state change and its event commit
 * together or not at all. The relay publishes it afterwards. Events are keyed by clientId (programId for program
 * events), which keeps one client's events in order on one partition.
 */
public class OutboxWriter {

    private final JdbcClient jdbc;
    private final IopProperties properties;
    private final Supplier<String> traceParent;
    private final AvroEventSerializer serializer = new AvroEventSerializer();

    public OutboxWriter(JdbcClient jdbc, IopProperties properties) {
        this(jdbc, properties, () -> null);
    }

    /** @param traceParent the current W3C {@code traceparent}, or null outside a trace */
    public OutboxWriter(JdbcClient jdbc, IopProperties properties, Supplier<String> traceParent) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.traceParent = traceParent;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(SpecificRecord event) {
        String topic = properties.topic(EventTopics.topicOf(event.getClass()));
        jdbc.sql("""
                INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_parent)
                VALUES (:eventId, :topic, :key, :type, :payload, :traceParent)""")
                .param("eventId", field(event, "eventId"))
                .param("topic", topic)
                .param("key", keyOf(event))
                .param("type", event.getSchema().getName())
                .param("payload", serializer.encode(event))
                .param("traceParent", traceParent.get())
                .update();
    }

    static String keyOf(SpecificRecord event) {
        String clientId = field(event, "clientId");
        return clientId != null ? clientId : field(event, "programId");
    }

    static String field(SpecificRecord event, String name) {
        Schema.Field field = event.getSchema().getField(name);
        return field == null ? null : String.valueOf(event.get(field.pos()));
    }
}
