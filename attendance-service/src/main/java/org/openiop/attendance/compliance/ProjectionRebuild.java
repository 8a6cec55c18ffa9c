package org.openiop.attendance.compliance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.openiop.backbone.kafka.TopicNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the compliance projection from the topics: stops its consumer, empties its tables, rewinds its consumer
 * group to the start of every input topic and starts it again. Announcements are kept, so the replay re-announces
 * only statuses that come out differently.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final TopicNames topics;
    private final ComplianceStore store;
    private final TransactionTemplate transactions;
    private final String groupId;

    ProjectionRebuild(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin, TopicNames topics,
            ComplianceStore store, TransactionTemplate transactions,
            @Value("${spring.kafka.consumer.group-id}.compliance") String groupId) {
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
        this.store = store;
        this.transactions = transactions;
        this.groupId = groupId;
    }

    public synchronized void rebuild() {
        MessageListenerContainer container = listeners.getListenerContainer(ComplianceListener.LISTENER_ID);
        container.stop();
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            transactions.executeWithoutResult(s -> store.truncate(ComplianceListener.CONSUMER));
            rewind(admin);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not rewind " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            container.start();
        }
        log.info("Compliance projection rebuilding from offset 0 (group {})", groupId);
    }

    private void rewind(Admin admin) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        List<String> inputs = List.of(topics.programs(), topics.clients(), topics.sessions(), topics.attendance());
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicDescription d : admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> earliest.put(new TopicPartition(d.name(), p.partition()),
                    OffsetSpec.earliest()));
        }
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
        // The stopped consumer may take a moment to leave the group; the broker refuses while it is still a member.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(groupId, start).all().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
