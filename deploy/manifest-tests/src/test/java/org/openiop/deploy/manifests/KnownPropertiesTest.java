package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class KnownPropertiesTest {

    @Test
    void environmentVariablesBindByRelaxedBindingRules() {
        KnownProperties known = new KnownProperties().add("spring.kafka.bootstrap-servers")
                .add("iop.topic-namespace").add("iop.security.users[0].username").add("logging.level.*")
                .addList("iop.topics.declare");
        assertThat(known.acceptsEnv("SPRING_KAFKA_BOOTSTRAP_SERVERS")).isTrue();
        assertThat(known.acceptsEnv("IOP_TOPICNAMESPACE")).isTrue();
        assertThat(known.acceptsEnv("IOP_TOPIC_NAMESPACE")).as("legacy form: the dash becomes _").isTrue();
        assertThat(known.acceptsEnv("SPRING_KAFKA_BOOTSTRAPSERVERS")).isTrue();
        assertThat(known.acceptsEnv("IOP_TOPICS_NAMESPACE")).isFalse();
        assertThat(known.acceptsEnv("IOP_TOPICNAME_SPACE")).isFalse();
        assertThat(known.acceptsEnv("IOP_SECURITY_USERS_3_USERNAME")).isTrue();
        assertThat(known.acceptsEnv("IOP_SECURITY_USERS_USERNAME")).isFalse();
        assertThat(known.acceptsEnv("LOGGING_LEVEL_ORG_OPENIOP")).isTrue();
        assertThat(known.acceptsEnv("LOGGING_LEVEL")).isFalse();
        assertThat(known.acceptsEnv("IOP_TOPICS_DECLARE")).isTrue();
        assertThat(known.acceptsEnv("IOP_TOPICS_DECLARE_0")).isTrue();
        assertThat(known.acceptsEnv("SPRING_KAFKA_BOOTSTRAP")).isFalse();
    }

    @Test
    void recordsInSourceBecomeKebabCasePropertiesWithNestingListsAndMaps() {
        ConfigurationPropertiesSource source = new ConfigurationPropertiesSource();
        source.read("""
                @Validated
                @ConfigurationProperties(prefix = "demo")
                public record DemoProperties(@Valid @DefaultValue Inner inner,
                        @NotEmpty @DefaultValue({ "24h", "2h" }) List<Duration> reminderOffsets,
                        @DefaultValue List<@Email String> staffAlertEmails,
                        List<Person> people, Map<String, String> labels, @DefaultValue("a, b(c)") String oddDefault) {
                    public record Inner(@Min(1) @DefaultValue("6") int batchSize, Duration fallbackPoll) { }
                    record Person(String givenName) { }
                }
                """);
        KnownProperties known = new KnownProperties();
        source.addTo(known);
        assertThat(source.prefixes()).containsExactly("demo");
        for (String p : List.of("demo.inner.batch-size", "demo.inner.fallback-poll", "demo.reminder-offsets",
                "demo.reminder-offsets[*]", "demo.staff-alert-emails", "demo.people[*].given-name", "demo.labels.*",
                "demo.odd-default")) {
            assertThat(known.contains(p)).as(p).isTrue();
        }
        assertThat(known.contains("demo.batch-size")).isFalse();
        assertThat(known.contains("demo.inner")).isFalse();
    }

    @Test
    void theServicesOwnAndSpringBootsPropertiesAreKnown() {
        KnownProperties notification = ServiceCatalog.knownProperties("notification-service");
        assertThat(notification.acceptsEnv("IOP_NOTIFICATION_SMS_BASEURL")).isTrue();
        assertThat(notification.acceptsEnv("IOP_OUTBOX_BATCHSIZE")).isTrue();
        assertThat(notification.acceptsEnv("SPRING_MAIL_HOST")).isTrue();
        assertThat(notification.acceptsEnv("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")).isTrue();
        assertThat(notification.acceptsEnv("ATTENDANCE_NOSHOW_SWEEPEVERY")).as("another service's property").isFalse();
        assertThat(ServiceCatalog.knownProperties("attendance-service").acceptsEnv("ATTENDANCE_NOSHOW_SWEEPEVERY"))
                .isTrue();
    }
}
