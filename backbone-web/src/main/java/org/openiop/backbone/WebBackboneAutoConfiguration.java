package org.openiop.backbone;

import org.openiop.backbone.audit.AuditController;
import org.openiop.backbone.audit.AuditPartitions;
import org.openiop.backbone.audit.AuditProperties;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.SecurityConfiguration;
import org.openiop.backbone.web.ApiProblemHandler;
import org.openiop.backbone.web.TomcatProblemPages;
import org.openiop.backbone.web.input.InputPolicy;
import org.openiop.backbone.web.input.PlausibleDateParameters;
import org.openiop.backbone.web.input.RequestGuard;
import org.openiop.backbone.web.input.StrictJson;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The web half of the backbone, for every application with an HTTP API or pages (the three services and web-ui):
 * security, problem+json, the input policy and the audit trail. Nothing here knows Kafka; the messaging half
 * ({@code MessagingAutoConfiguration} in backbone-messaging) adds the outbox, the inbox and the Kafka wiring.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties({ AuditProperties.class, InputPolicy.class })
@Import({ SecurityConfiguration.class, ApiProblemHandler.class, AuditController.class })
public class WebBackboneAutoConfiguration {

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
    AuditTrail auditTrail(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new AuditTrail(jdbc, transactions);
    }

    @Bean
    AuditPartitions auditPartitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties) {
        return new AuditPartitions(jdbc, transactions, properties);
    }
}
