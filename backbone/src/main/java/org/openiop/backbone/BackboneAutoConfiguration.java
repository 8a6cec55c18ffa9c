package org.openiop.backbone;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.openiop.backbone.audit.AuditController;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.openiop.backbone.audit.AuditPartitions;
import org.openiop.backbone.audit.AuditProperties;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.backbone.outbox.OutboxRelay;
import org.openiop.backbone.outbox.OutboxWriter;
import org.openiop.backbone.security.SecurityConfiguration;
import org.openiop.backbone.web.ApiProblemHandler;
import org.openiop.backbone.web.TomcatProblemPages;
import org.openiop.backbone.web.input.InputPolicy;
import org.openiop.backbone.web.input.PlausibleDateParameters;
import org.openiop.backbone.web.input.RequestGuard;
import org.openiop.backbone.web.input.StrictJson;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;

/** Wires the one shared implementation of each backbone mechanism into every service. */
// Before Kafka's auto-configuration, so its listener container factory picks up our consumer factory and error handler.
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@EnableConfigurationProperties({ IopProperties.class, AuditProperties.class, InputPolicy.class })
@Import({ KafkaBackboneConfiguration.class, SecurityConfiguration.class, ApiProblemHandler.class,
        AuditController.class })
public class BackboneAutoConfiguration {

    /** Named "topics" so listeners can write {@code topics = "#{@topics.sessions()}"}. */
    @Bean
    TopicNames topics(IopProperties properties) {
        return new TopicNames(properties);
    }

    /** The one input policy of every API: strict JSON, plausible dates, no control characters, a body size cap. */
    @Bean
    StrictJson strictJson(InputPolicy policy) {
        return new StrictJson(policy);
    }

    @Bean
    PlausibleDateParameters plausibleDateParameters(InputPolicy policy) {
        return new PlausibleDateParameters(policy);
    }

    @Bean
    FilterRegistrationBean<RequestGuard> requestGuard(InputPolicy policy) {
        FilterRegistrationBean<RequestGuard> registration = new FilterRegistrationBean<>(new RequestGuard(policy));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    TomcatProblemPages tomcatProblemPages() {
        return new TomcatProblemPages();
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

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new AuditTrail(jdbc, transactions);
    }

    @Bean
    AuditPartitions auditPartitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties) {
        return new AuditPartitions(jdbc, transactions, properties);
    }
}
