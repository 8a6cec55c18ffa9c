package org.openiop.attendance.compliance;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Feeds the compliance projection from Kafka only, including this service's own attendance events: the projection
 * never reads the recording side's tables, so it can be rebuilt by replaying the topics. Its own consumer group, so
 * a rebuild rewinds it alone.
 * <p>
 * A batch listener: each poll is applied in one transaction (inbox ids, facts, week evaluations, outbox), with a
 * handful of set-based statements per poll (ADR 0005). Each record is translated into the projection's own
 * {@link ComplianceInput} first ({@link ComplianceInputs}, the one mapping from Avro): a record that cannot be
 * decoded or is rejected there is found before anything is applied, the records before it are applied, and it is
 * handed to the shared error handler ({@link BatchListenerFailedException}), which sends it to its dead-letter topic
 * and redelivers the records after it. If applying a batch fails (the database refused something), it is applied
 * again one record at a time, so the records before the bad one commit and the error handler retries the bad one
 * (ids already applied are skipped by the inbox).
 */
@Component
class ComplianceListener {

    static final String CONSUMER = "attendance.compliance";
    static final String LISTENER_ID = "compliance-projection";

    private static final Logger log = LoggerFactory.getLogger(ComplianceListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(ComplianceListener.class);

    private final EventInbox inbox;
    private final ComplianceProjection projection;

    ComplianceListener(EventInbox inbox, ComplianceProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${spring.kafka.consumer.group-id}.compliance", batch = "true",
            topics = { "#{@topics.programs()}", "#{@topics.clients()}", "#{@topics.sessions()}",
                    "#{@topics.attendance()}" },
            properties = "max.poll.records=${attendance.compliance.batch-size:1000}")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<ComplianceInput> inputs = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, SpecificRecord> record = records.get(i);
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            if (undecodable != null || record.value() == null) {
                apply(records.subList(0, i), inputs);
                throw new BatchListenerFailedException("undecodable record", undecodable, record);
            }
            try {
                inputs.add(ComplianceInputs.translate(record.value()));
            } catch (EventRejectedException rejected) {
                apply(records.subList(0, i), inputs);
                throw new BatchListenerFailedException(String.valueOf(rejected.getMessage()), rejected, record);
            }
        }
        apply(records, inputs);
    }

    /** The records and their translations (one each, same order). */
    private void apply(List<ConsumerRecord<String, SpecificRecord>> records, List<ComplianceInput> inputs) {
        if (records.isEmpty()) {
            return;
        }
        try {
            inbox.applyOnce(CONSUMER, inputs, ComplianceInput::eventId, projection::apply);
        } catch (RuntimeException batchFailed) {
            log.debug("Batch of {} failed ({}); applying its records one at a time", records.size(),
                    batchFailed.toString());
            for (int i = 0; i < records.size(); i++) {
                try {
                    inbox.applyOnce(CONSUMER, List.of(inputs.get(i)), ComplianceInput::eventId, projection::apply);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, records.get(i));
                }
            }
        }
    }
}
