package org.openiop.backbone.outbox;

import java.util.List;
import java.util.function.Supplier;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.IopProperties;
import org.openiop.events.EventTopics;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

    /**
     * Records several events with one multi-row insert (one statement, one wake-up of the relay), in the order given:
     * for a consumer that applies a batch of input events and announces many changes in one transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAll(List<? extends SpecificRecord> events) {
        if (events.isEmpty()) {
            return;
        }
        int n = events.size();
        Object[] eventIds = new Object[n];
        Object[] topics = new Object[n];
        Object[] keys = new Object[n];
        Object[] types = new Object[n];
        byte[][] payloads = new byte[n][];
        for (int i = 0; i < n; i++) {
            SpecificRecord event = events.get(i);
            eventIds[i] = field(event, "eventId");
            topics[i] = properties.topic(EventTopics.topicOf(event.getClass()));
            keys[i] = keyOf(event);
            types[i] = event.getSchema().getName();
            payloads[i] = serializer.encode(event);
        }
        jdbc.sql("""
                INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_parent)
                SELECT e, t, k, y, p, :traceParent
                FROM unnest(CAST(:eventIds AS text[]), CAST(:topics AS text[]), CAST(:keys AS text[]),
                    CAST(:types AS text[]), CAST(:payloads AS bytea[])) WITH ORDINALITY AS u(e, t, k, y, p, n)
                ORDER BY n""")
                .param("eventIds", new SqlArrayValue("text", eventIds))
                .param("topics", new SqlArrayValue("text", topics))
                .param("keys", new SqlArrayValue("text", keys))
                .param("types", new SqlArrayValue("text", types))
                .param("payloads", new SqlArrayValue("bytea", (Object[]) payloads))
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
