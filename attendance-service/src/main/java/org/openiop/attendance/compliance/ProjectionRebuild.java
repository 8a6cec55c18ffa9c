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
 * Rebuilds the compliance projection: stops its consumer, forgets which events it applied, rewinds its consumer group
 * to the start of every input topic (whatever retention left there) and starts it again; once caught up it re-judges
 * every client-week from the stored facts, so weeks whose input records the topics no longer hold come out the same
 * (ADR 0009). Announcements are kept, so only statuses that come out differently are announced.
 */
@Component
class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    /** Client-weeks re-judged per transaction after the replay (clients in order, each client's weeks oldest first). */
    private static final int REJUDGE_CHUNK = 500;

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafkaAdmin;
    private final TopicNames topics;
    private final ComplianceRepository store;
    private final TransactionTemplate transactions;
    private final String groupId;
    private final ComplianceProjection projection;
    private volatile boolean replaying;

    ProjectionRebuild(KafkaListenerEndpointRegistry listeners, KafkaAdmin kafkaAdmin, TopicNames topics,
            ComplianceRepository store, TransactionTemplate transactions, ComplianceProjection projection,
            @Value("${spring.kafka.consumer.group-id}.compliance") String groupId) {
        this.projection = projection;
        this.listeners = listeners;
        this.kafkaAdmin = kafkaAdmin;
        this.topics = topics;
        this.store = store;
        this.transactions = transactions;
        this.groupId = groupId;
    }

    /** True from a rebuild's start until the replay has caught up and differences were announced. */
    public boolean replaying() {
        return replaying;
    }

    public synchronized void rebuild() {
        replaying = true;
        MessageListenerContainer container = listeners.getListenerContainer(ComplianceListener.LISTENER_ID);
        container.stop();
        projection.announcing(false);
        Map<TopicPartition, Long> target;
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            transactions.executeWithoutResult(s -> store.forgetApplied(ComplianceListener.CONSUMER));
            target = rewind(admin);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not rewind " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            projection.announcing(true);
            replaying = false;
            throw e;
        } finally {
            container.start();
        }
        log.info("Compliance projection rebuilding from offset 0 (group {})", groupId);
        Thread watcher = new Thread(() -> finishWhenCaughtUp(target), "compliance-rebuild");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Once the group's committed offsets reach the ends the topics had when the rebuild began, announcements resume
     * and every week whose rebuilt status differs from the last announcement is announced once.
     */
    private void finishWhenCaughtUp(Map<TopicPartition, Long> target) {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean caughtUp = target.entrySet().stream().allMatch(t -> t.getValue() == 0
                        || (committed.get(t.getKey()) != null && committed.get(t.getKey()).offset() >= t.getValue()));
                if (caughtUp) {
                    break;
                }
                Thread.sleep(200);
            }
            // Every week again from the facts, whether or not the topics still hold the records behind it.
            List<ComplianceRepository.ClientWeek> weeks = store.allClientWeeks();
            int judged = 0;
            for (int from = 0; from < weeks.size(); from += REJUDGE_CHUNK) {
                List<ComplianceRepository.ClientWeek> chunk = weeks.subList(from, Math.min(weeks.size(),
                        from + REJUDGE_CHUNK));
                transactions.executeWithoutResult(s -> projection.rejudge(chunk));
                judged += chunk.size();
            }
            log.info("Compliance rebuild re-judged {} client-weeks from the stored facts", judged);
        } catch (Exception e) {
            log.warn("Could not follow the compliance rebuild: {}", e.toString());
        } finally {
            // Announcing again only after the replay; a concurrent live event may announce first, which is fine:
            // both paths compare with the last announcement under the client's lock.
            projection.announcing(true);
            Integer announced = transactions.execute(s -> projection.announceDifferences());
            replaying = false;
            log.info("Compliance rebuild caught up; {} changed statuses announced", announced);
        }
    }

    private Map<TopicPartition, Long> rewind(Admin admin) throws ExecutionException, InterruptedException,
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
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        earliest.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        // The stopped consumer may take a moment to leave the group; the broker refuses while it is still a member.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                admin.alterConsumerGroupOffsets(groupId, start).all().get(30, TimeUnit.SECONDS);
                return ends;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }
}
