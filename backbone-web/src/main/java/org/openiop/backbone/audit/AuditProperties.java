package org.openiop.backbone.audit;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The audit trail's monthly partitions (prefix {@code iop.audit}).
 *
 * @param retention    how long audit rows are kept: the documentation period (HIPAA: six years); a month is dropped
 *                     whole once all of it is older than this
 * @param monthsAhead  months created ahead of the current one, so a row never waits for its partition
 * @param checkEvery   how often partitions are created ahead and expired ones dropped
 */
@Validated
@ConfigurationProperties("iop.audit")
public record AuditProperties(@NotNull @DefaultValue("6y") Period retention,
        @Min(1) @DefaultValue("3") int monthsAhead,
        @NotNull @DefaultValue("6h") Duration checkEvery) {
}
