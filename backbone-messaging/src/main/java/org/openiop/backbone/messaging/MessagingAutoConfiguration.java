package org.openiop.backbone.messaging;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.openiop.backbone.IopProperties;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.backbone.outbox.OutboxRelay;
import org.openiop.backbone.outbox.OutboxWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * The messaging half of the backbone, for the three services (web-ui has none of it): the outbox and its relay, the
 * consumers' inbox, and the Kafka wiring with retries and dead-letter topics. Its settings are {@link IopProperties}
 * (prefix {@code iop}: topics, outbox, consumer); its migrations ({@code db/backbone}) are added to the services'
 * Flyway locations by {@code messaging-defaults.properties}.
 */
// Before Kafka's auto-configuration, so its listener container factory picks up our consumer factory and error handler.
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties(IopProperties.class)
@Import(KafkaBackboneConfiguration.class)
public class MessagingAutoConfiguration {

    /** Named "topics" so listeners can write {@code topics = "#{@topics.sessions()}"}. */
    @Bean
    TopicNames topics(IopProperties properties) {
        return new TopicNames(properties);
    }

    @Bean
    OutboxWriter outboxWriter(JdbcClient jdbc, IopProperties properties, ObjectProvider<Tracer> tracer) {
        return new OutboxWriter(jdbc, properties, () -> {
            Tracer current = tracer.getIfAvailable();
            Span span = current == null ? null : current.currentSpan();
            if (span == null) {
                return null;
            }
            TraceContext context = span.context();
            boolean sampled = Boolean.TRUE.equals(context.sampled());
            return "00-" + context.traceId() + "-" + context.spanId() + (sampled ? "-01" : "-00");
        });
    }

    @Bean
    OutboxRelay outboxRelay(DataSource dataSource, KafkaBackboneConfiguration kafka, KafkaProperties kafkaProperties,
            IopProperties properties, MeterRegistry meters) {
        return new OutboxRelay(dataSource, () -> {
            KafkaProducer<String, byte[]> producer = kafka.outboxProducer(kafkaProperties);
            new KafkaClientMetrics(producer).bindTo(meters);
            return producer;
        }, properties.outbox(), meters);
    }

    @Bean
    EventInbox eventInbox(JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        return new EventInbox(jdbc, transactions, meters);
    }
}
