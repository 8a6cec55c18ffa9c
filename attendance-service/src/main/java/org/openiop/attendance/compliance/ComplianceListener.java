package org.openiop.attendance.compliance;

import org.apache.avro.specific.SpecificRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the compliance projection from Kafka only, including this service's own attendance events: the projection
 * never reads the recording side's tables, so it can be rebuilt by replaying the topics. Its own consumer group, so
 * a rebuild rewinds it alone.
 */
@Component
class ComplianceListener {

    static final String CONSUMER = "attendance.compliance";
    static final String LISTENER_ID = "compliance-projection";

    private final EventInbox inbox;
    private final ComplianceProjection projection;

    ComplianceListener(EventInbox inbox, ComplianceProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${spring.kafka.consumer.group-id}.compliance",
            topics = { "#{@topics.programs()}", "#{@topics.clients()}", "#{@topics.sessions()}",
                    "#{@topics.attendance()}" })
    void on(SpecificRecord event) {
        inbox.applyOnce(CONSUMER, event, () -> projection.apply(event));
    }
}
