package org.openiop.backbone.kafka;

import org.openiop.backbone.IopProperties;
import org.openiop.events.EventTopics;

/**
 * Physical topic names of this deployment, for listeners: {@code @KafkaListener(topics = "#{@topics.sessions()}")}.
 */
public class TopicNames {

    private final IopProperties properties;

    public TopicNames(IopProperties properties) {
        this.properties = properties;
    }

    public String programs() {
        return of(EventTopics.PROGRAMS);
    }

    public String clients() {
        return of(EventTopics.CLIENTS);
    }

    public String sessions() {
        return of(EventTopics.SESSIONS);
    }

    public String attendance() {
        return of(EventTopics.ATTENDANCE);
    }

    public String compliance() {
        return of(EventTopics.COMPLIANCE);
    }

    public String of(String logicalName) {
        return properties.topic(logicalName);
    }
}
