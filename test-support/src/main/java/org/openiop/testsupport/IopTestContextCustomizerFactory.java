package org.openiop.testsupport;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context at the JVM's shared broker and a database of its own, with its own topic
 * namespace (so topics, consumer groups and rows of one context are invisible to the others). Registered in
 * META-INF/spring.factories, so a test needs no annotation beyond {@code @SpringBootTest}.
 */
public class IopTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new IopInfrastructureCustomizer();
    }

    static final class IopInfrastructureCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            String namespace = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
            TestPropertyValues.of(
                    "spring.datasource.url=" + TestInfrastructure.newDatabase(),
                    "spring.datasource.username=" + TestInfrastructure.postgresUser(),
                    "spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                    "spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                    "iop.topic-namespace=" + namespace,
                    "spring.kafka.consumer.auto-offset-reset=earliest")
                    .applyTo(context);
            context.getEnvironment().addActiveProfile("test");
        }

        // One instance equals another: contexts stay cacheable; each new context still gets a fresh database.
        @Override
        public boolean equals(Object other) {
            return other instanceof IopInfrastructureCustomizer;
        }

        @Override
        public int hashCode() {
            return IopInfrastructureCustomizer.class.hashCode();
        }
    }
}
