package org.openiop.backbone.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.NestedExceptionUtils;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openiop.backbone.IopProperties;
import org.openiop.events.EventTopics;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.events.serde.AvroEventSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The consumer side, declared once for all services: the Avro deserializer behind an {@link ErrorHandlingDeserializer}
 * (so a poison record cannot make a consumer spin), bounded retries with exponential backoff in place (blocking, so a
 * client's events stay in order), then the record goes to {@code <topic>.DLT}, same partition, with Spring Kafka's
 * exception headers (class, message, stack trace, original topic/partition/offset). Undecodable and rejected events
 * are not retried; failures caused by an unreachable database are retried until it is back ({@link DatabaseOutage}).
 */
@Configuration(proxyBeanMethods = false)
public class KafkaBackboneConfiguration {

    /** Header on every dead letter: the root cause's type and message. */
    public static final String DLT_REASON_HEADER = "iop-dlt-reason";

    /** Typed Object/Object because that is what Boot's listener container factory looks up. */
    @Bean
    ConsumerFactory<Object, Object> kafkaConsumerFactory(KafkaProperties kafka,
            ObjectProvider<DefaultKafkaConsumerFactoryCustomizer> customizers) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class);
        config.put(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, AvroEventDeserializer.class);
        DefaultKafkaConsumerFactory<Object, Object> factory = new DefaultKafkaConsumerFactory<>(config);
        // Boot's customizers register the Micrometer listener (consumer lag and fetch metrics per client).
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** Writes dead letters: the original raw bytes when undecodable, the event itself otherwise. */
    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka,
            ObjectProvider<DefaultKafkaProducerFactoryCustomizer> customizers) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(
                Map.of(byte[].class, new ByteArraySerializer(), SpecificRecord.class, new AvroEventSerializer(),
                        String.class, new StringSerializer()), true);
        @SuppressWarnings({ "unchecked", "rawtypes" })
        DefaultKafkaProducerFactory<Object, Object> factory = new DefaultKafkaProducerFactory(config, new StringSerializer(),
                values);
        // Boot's customizers register the Micrometer listener (producer metrics per client id).
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        KafkaTemplate<Object, Object> template = new KafkaTemplate<>(factory);
        // A dead letter stays in the trace of the record that failed.
        template.setObservationEnabled(true);
        return template;
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> deadLetterTemplate, IopProperties iop,
            MeterRegistry meters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(deadLetterTemplate,
                (record, exception) -> {
                    deadLetters(meters, record.topic()).increment();
                    return new TopicPartition(record.topic() + EventTopics.DLT_SUFFIX, record.partition());
                });
        // At zero from the start, so dashboards show "none" rather than "no data" and increase() sees the first one.
        iop.topics().declare().forEach(topic -> deadLetters(meters, iop.topic(topic)));
        // Spring's headers carry the outer exception; operators want the root reason at a glance.
        recoverer.setHeadersFunction((record, exception) -> {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(exception);
            String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
            return new RecordHeaders().add(DLT_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        });
        ExponentialBackOff backOff = new ExponentialBackOff(iop.consumer().initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(iop.consumer().maxBackoff().toMillis());
        backOff.setMaxAttempts(iop.consumer().retries());
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(EventRejectedException.class);
        // A database outage is not the event's fault: keep retrying (in place, so order holds) until it is back,
        // instead of dead-lettering valid events after a few seconds. The count starts again when the failure changes.
        handler.setBackOffFunction((record, exception) -> DatabaseOutage.isCause(exception) ? outageBackOff(iop) : null);
        handler.setResetStateOnExceptionChange(true);
        return handler;
    }

    private static BackOff outageBackOff(IopProperties iop) {
        ExponentialBackOff backOff = new ExponentialBackOff(iop.consumer().initialBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(iop.consumer().outageBackoff().toMillis());
        return backOff; // unlimited attempts
    }

    private static Counter deadLetters(MeterRegistry meters, String topic) {
        return Counter.builder("iop.consumer.dead.letters").tag("topic", topic)
                .description("Records sent to a dead-letter topic").register(meters);
    }

    /** Each declared topic and its dead-letter topic, with the same partition count. */
    @Bean
    KafkaAdmin.NewTopics declaredTopics(IopProperties iop) {
        List<NewTopic> topics = iop.topics().declare().stream()
                .flatMap(name -> List.of(name, name + EventTopics.DLT_SUFFIX).stream())
                .map(name -> new NewTopic(iop.topic(name), iop.topics().partitions(), iop.topics().replication()))
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** A producer for the outbox relay: idempotent, acks=all, bounded blocking so a dead broker cannot freeze it. */
    public KafkaProducer<String, byte[]> outboxProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        // Retry inside the producer for up to 30 minutes: an expired batch would let a later batch of the same key
        // (already in flight) be written before the expired one is sent again. Rows wait in the outbox meanwhile.
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30 * 60_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaProducer<>(config);
    }

    /**
     * One monitor thread for all listener containers of the service. Without a scheduler in the container properties,
     * Spring Kafka starts a {@code ThreadPoolTaskScheduler} (a thread and its stack) for every consumer each time it
     * starts: six per service at start-up and again on every restart of the consumers. The monitor only checks every
     * 30 s that each consumer still polls, so one daemon thread serves them all.
     */
    @Bean
    SharedListenerMonitor sharedListenerMonitor() {
        return new SharedListenerMonitor();
    }

    /** Hands every listener container the one monitor scheduler; shuts it down with the context. */
    static final class SharedListenerMonitor implements
            ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>>, DisposableBean {

        private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

        SharedListenerMonitor() {
            scheduler.setThreadNamePrefix("kafka-listener-monitor-");
            scheduler.setDaemon(true);
            scheduler.initialize();
        }

        @Override
        public void configure(ConcurrentMessageListenerContainer<Object, Object> container) {
            if (container.getContainerProperties().getScheduler() == null) {
                container.getContainerProperties().setScheduler(scheduler);
            }
        }

        @Override
        public void destroy() {
            scheduler.shutdown();
        }
    }
}
