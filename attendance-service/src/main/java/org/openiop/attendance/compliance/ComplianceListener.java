package org.openiop.attendance.compliance;

import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openiop.backbone.inbox.EventInbox;
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
 * A batch listener: each poll is applied in one transaction (inbox ids, facts, week evaluations, outbox), which is
 * what makes a replay of a million events take minutes instead of hours. A record that cannot be applied must not
 * hold up the others: the batch is then applied again one record at a time, so the records before the bad one
 * commit, and the bad one is handed to the shared error handler ({@link BatchListenerFailedException}), which
 * retries it and sends it to its dead-letter topic; the records after it are redelivered (ids already applied are
 * skipped by the inbox).
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
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, SpecificRecord> record = records.get(i);
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            if (undecodable != null || record.value() == null) {
                apply(records.subList(0, i));
                throw new BatchListenerFailedException("undecodable record", undecodable, record);
            }
        }
        apply(records);
    }

    private void apply(List<ConsumerRecord<String, SpecificRecord>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<SpecificRecord> events = new ArrayList<>(records.size());
        records.forEach(r -> events.add(r.value()));
        try {
            inbox.applyOnce(CONSUMER, events, projection::apply);
        } catch (RuntimeException batchFailed) {
            log.debug("Batch of {} failed ({}); applying its records one at a time", records.size(),
                    batchFailed.toString());
            for (ConsumerRecord<String, SpecificRecord> record : records) {
                try {
                    inbox.applyOnce(CONSUMER, List.of(record.value()), projection::apply);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, record);
                }
            }
        }
    }
}
