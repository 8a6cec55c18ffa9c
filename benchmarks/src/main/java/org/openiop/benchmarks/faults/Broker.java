package org.openiop.benchmarks.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The suite's view of the broker: consumer lag, dead letters, offset resets and poison records. */
final class Broker implements AutoCloseable {

    static final String POISON_PREFIX = "faults-poison-";

    private final String bootstrap;
    private final Admin admin;

    Broker(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000));
    }

    private Set<String> topics(boolean deadLetters) throws Exception {
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith("iop.") && t.endsWith(".DLT") == deadLetters).collect(Collectors.toSet());
    }

    private Map<TopicPartition, Long> endOffsets(Set<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Deletes every record below each partition's end offset of these topics (Kafka's DeleteRecords: what retention
     * does once segments expire); returns how many records that removed.
     */
    long deleteAllRecords(List<String> topics) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(Set.copyOf(topics));
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        ends.keySet().forEach(tp -> request.put(tp, OffsetSpec.earliest()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> starts.put(tp, info.offset()));
        Map<TopicPartition, org.apache.kafka.clients.admin.RecordsToDelete> delete = new HashMap<>();
        ends.forEach((tp, end) -> delete.put(tp, org.apache.kafka.clients.admin.RecordsToDelete.beforeOffset(end)));
        admin.deleteRecords(delete).all().get();
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.getOrDefault(e.getKey(), 0L)).sum();
    }

    /** Records ever written to the dead-letter topics. */
    long deadLetters() throws Exception {
        return endOffsets(topics(true)).values().stream().mapToLong(Long::longValue).sum();
    }

    private List<String> groups() throws Exception {
        return admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId).toList();
    }

    /** Records on the event topics that some consumer group has not yet committed past. */
    long consumerLag() throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topics(false));
        long lag = 0;
        for (String group : groups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
                Long end = ends.get(e.getKey());
                if (end != null && e.getValue() != null) {
                    lag += end - e.getValue().offset();
                }
            }
        }
        return lag;
    }

    /** Sets every group's committed offsets to 0 (the groups must be empty: their services stopped). */
    List<String> resetAllOffsets() throws Exception {
        List<String> reset = new ArrayList<>();
        for (String group : groups()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            committed.keySet().forEach(tp -> zero.put(tp, new OffsetAndMetadata(0)));
            if (!zero.isEmpty()) {
                admin.alterConsumerGroupOffsets(group, zero).all().get();
                reset.add(group + " (" + zero.size() + " partitions)");
            }
        }
        return reset;
    }

    /** Writes {@code count} records of raw bytes that are no event to {@code topic}, each with a unique marker. */
    Set<String> injectPoison(String topic, int count) {
        Set<String> markers = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String marker = POISON_PREFIX + UUID.randomUUID();
                markers.add(marker);
                producer.send(new ProducerRecord<>(topic, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                        marker.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        return markers;
    }

    /** The poison markers found on the dead-letter topics, and how many dead-letter records carry one. */
    Map<String, Integer> poisonOnDeadLetters() throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(topics(true));
        Map<String, Integer> found = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String value = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
                    if (value.startsWith(POISON_PREFIX)) {
                        found.merge(value, 1, Integer::sum);
                    }
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
