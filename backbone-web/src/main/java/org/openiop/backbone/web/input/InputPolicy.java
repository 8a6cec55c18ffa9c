package org.openiop.backbone.web.input;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The one input policy of every service's API (prefix {@code iop.input}): which dates are plausible and how large a
 * request body may be. Anything outside is a 400 (or 413) naming the field, before any code or SQL sees it.
 *
 * @param earliestDate      no date anywhere in a request lies before this one (dates of birth included)
 * @param latestYearsAhead  no date anywhere lies more than this many years after today
 * @param recordWindowYears sessions, series, closures, attendance and certifications lie within this many years
 *                          around today
 * @param maxBodySize       largest request body accepted
 */
@ConfigurationProperties("iop.input")
public record InputPolicy(@DefaultValue("1900-01-01") LocalDate earliestDate,
        @DefaultValue("100") int latestYearsAhead, @DefaultValue("10") int recordWindowYears,
        @DefaultValue("1MB") DataSize maxBodySize) {

    private static final Clock UTC = Clock.systemUTC();

    public LocalDate today() {
        return LocalDate.now(UTC);
    }

    /** The bounds of any date in any request. */
    public boolean plausible(LocalDate date) {
        return !date.isBefore(earliestDate) && !date.isAfter(today().plusYears(latestYearsAhead));
    }

    public boolean plausible(Instant instant) {
        return instant.isAfter(earliestDate.atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(86_400))
                && instant.isBefore(today().plusYears(latestYearsAhead).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public boolean withinRecordWindow(LocalDate date) {
        LocalDate today = today();
        return !date.isBefore(today.minusYears(recordWindowYears)) && !date.isAfter(today.plusYears(recordWindowYears));
    }

    public boolean plausibleBirth(LocalDate date) {
        return !date.isBefore(earliestDate) && !date.isAfter(today().plusDays(1));
    }

    public String plausibleRange() {
        return "between " + earliestDate + " and " + today().plusYears(latestYearsAhead);
    }
}
