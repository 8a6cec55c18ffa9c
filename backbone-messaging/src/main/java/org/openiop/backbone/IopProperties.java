package org.openiop.backbone;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Settings shared by the three services (prefix {@code iop}).
 *
 * @param topicNamespace prefix put before every topic name and consumer group (empty in production; tests use a
 *                       random one so contexts do not see each other's events)
 * @param topics         topics this service declares and their sizing
 * @param outbox         the outbox relay
 * @param consumer       retries before a record goes to its dead-letter topic
 */
@Validated
@ConfigurationProperties("iop")
public record IopProperties(
        @DefaultValue("") String topicNamespace,
        @Valid @DefaultValue Topics topics,
        @Valid @DefaultValue Outbox outbox,
        @Valid @DefaultValue Consumer consumer) {

    /**
     * @param declare     logical topic names (e.g. iop.sessions.v1) this service creates, each with its .DLT
     * @param partitions  partitions per topic; more partitions allow more consumer instances
     * @param replication replication factor (3 on a production cluster)
     */
    public record Topics(@DefaultValue List<String> declare, @Min(1) @DefaultValue("6") int partitions,
            @Min(1) @DefaultValue("1") short replication) {
    }

    /**
     * @param enabled      whether this instance runs a relay (only one instance publishes at a time anyway)
     * @param batchSize    rows claimed and sent per round trip
     * @param fallbackPoll how long the relay sleeps without a NOTIFY before it looks again (a safety net, not a poll)
     * @param retention    how long published rows are kept for inspection before they are deleted
     */
    public record Outbox(@DefaultValue("true") boolean enabled, @Min(1) @DefaultValue("500") int batchSize,
            @NotNull @DefaultValue("5s") Duration fallbackPoll, @NotNull @DefaultValue("3d") Duration retention) {
    }

    /**
     * @param retries        attempts after the first failure before the record goes to the DLT
     * @param initialBackoff first wait between attempts (doubles each time)
     * @param maxBackoff     longest wait between attempts
     * @param outageBackoff  longest wait between attempts while the database is unreachable; those are retried until
     *                       it answers again, never dead-lettered (the event is fine, the infrastructure is not)
     */
    public record Consumer(@Min(0) @DefaultValue("3") int retries,
            @NotNull @DefaultValue("200ms") Duration initialBackoff,
            @NotNull @DefaultValue("2s") Duration maxBackoff,
            @NotNull @DefaultValue("5s") Duration outageBackoff) {
    }

    /** The physical name of a logical topic in this deployment. */
    public String topic(String logicalName) {
        return topicNamespace + logicalName;
    }
}
