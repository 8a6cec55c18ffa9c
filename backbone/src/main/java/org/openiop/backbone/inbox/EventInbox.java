package org.openiop.backbone.inbox;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies each event at most once per consumer: the event id is recorded in the same transaction as the effect, so a
 * redelivered or replayed event finds its id and changes nothing, and a failed effect leaves no id behind.
 */
public class EventInbox {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;

    public EventInbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * Runs {@code effect} and records the event as applied by {@code consumer}, in one transaction.
     *
     * @return false when the event had been applied before (the effect did not run)
     */
    public boolean applyOnce(String consumer, SpecificRecord event, Runnable effect) {
        String eventId = eventId(event);
        Boolean applied = transactions.execute(status -> {
            int inserted = jdbc.sql("""
                    INSERT INTO processed_event (consumer, event_id) VALUES (:consumer, :eventId)
                    ON CONFLICT DO NOTHING""")
                    .param("consumer", consumer).param("eventId", eventId).update();
            if (inserted == 0) {
                return false;
            }
            effect.run();
            return true;
        });
        if (!Boolean.TRUE.equals(applied)) {
            Counter.builder("iop.consumer.duplicates").tag("consumer", consumer)
                    .description("Events skipped because they had been applied already").register(meters).increment();
            return false;
        }
        return true;
    }

    public static String eventId(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("eventId");
        if (field == null) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no eventId");
        }
        return String.valueOf(event.get(field.pos()));
    }
}
