package org.openiop.backbone.inbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
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

    /**
     * The batch form of {@link #applyOnce(String, SpecificRecord, Runnable)}: records every event id of
     * {@code events} with one multi-row insert and runs {@code effect} once with the events applied for the first time
     * (in their order; an id repeated within the batch counts once), all in one transaction. If the effect fails, no
     * id of the batch is recorded.
     *
     * @return the events the effect was given (empty when every one had been applied before)
     */
    public <E extends SpecificRecord> List<E> applyOnce(String consumer, List<E> events, Consumer<List<E>> effect) {
        return applyOnce(consumer, events, EventInbox::eventId, effect);
    }

    /**
     * The same for events a consumer has already translated into its own types: {@code idOf} gives each one's event
     * id. The ids go to the database as one array parameter (one statement and one plan whatever the batch size).
     */
    public <E> List<E> applyOnce(String consumer, List<E> events, Function<? super E, String> idOf,
            Consumer<List<E>> effect) {
        if (events.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(idOf.apply(e)));
        List<E> fresh = transactions.execute(status -> {
            Set<String> inserted = new HashSet<>(jdbc.sql("""
                    INSERT INTO processed_event (consumer, event_id)
                    SELECT :consumer, id FROM unnest(CAST(:ids AS text[])) AS ids(id)
                    ON CONFLICT DO NOTHING RETURNING event_id""")
                    .param("consumer", consumer).param("ids", new SqlArrayValue("text", ids.toArray()))
                    .query(String.class).list());
            List<E> first = new ArrayList<>(inserted.size());
            for (E event : events) {
                if (inserted.remove(idOf.apply(event))) {
                    first.add(event);
                }
            }
            if (!first.isEmpty()) {
                effect.accept(first);
            }
            return first;
        });
        int skipped = events.size() - fresh.size();
        if (skipped > 0) {
            Counter.builder("iop.consumer.duplicates").tag("consumer", consumer)
                    .description("Events skipped because they had been applied already").register(meters)
                    .increment(skipped);
        }
        return fresh;
    }

    public static String eventId(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("eventId");
        if (field == null) {
            throw new IllegalArgumentException(event.getSchema().getName() + " has no eventId");
        }
        return String.valueOf(event.get(field.pos()));
    }
}
