package org.openiop.scheduling.series;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.openiop.backbone.web.RuleViolation;

import net.fortuna.ical4j.model.Recur;

/**
 * An RFC 5545 recurrence rule (RRULE) over local days, expanded by ical4j. Times of day are not part of the rule: a
 * series keeps its block's wall-clock times on every day, which is what keeps 18:00 at 18:00 across DST.
 */
final class RecurrenceRule {

    private final String text;
    private final Recur<LocalDate> recur;

    private RecurrenceRule(String text, Recur<LocalDate> recur) {
        this.text = text;
        this.recur = recur;
    }

    /** "Every week on these days", e.g. Mon/Wed/Fri: FREQ=WEEKLY;BYDAY=MO,WE,FR. */
    public static RecurrenceRule weeklyOn(List<DayOfWeek> days) {
        if (days == null || days.isEmpty()) {
            throw RuleViolation.invalid("daysOfWeek", "daysOfWeek (or rrule) must name at least one day");
        }
        String byDay = days.stream().distinct().sorted()
                .map(d -> d.name().substring(0, 2)).collect(Collectors.joining(","));
        return parse("FREQ=WEEKLY;BYDAY=" + byDay, "daysOfWeek");
    }

    /** A rule as staff typed it, e.g. FREQ=WEEKLY;INTERVAL=1;BYDAY=TU,TH;COUNT=24. */
    public static RecurrenceRule parse(String text, String field) {
        String rule = text.trim().toUpperCase(Locale.ROOT);
        if (rule.startsWith("RRULE:")) {
            rule = rule.substring("RRULE:".length());
        }
        try {
            Recur<LocalDate> recur = new Recur<>(rule);
            if (recur.getFrequency() == null) {
                throw new IllegalArgumentException("FREQ is required");
            }
            return new RecurrenceRule(rule, recur);
        } catch (RuntimeException e) {
            throw RuleViolation.invalid(field, "not a valid RFC 5545 recurrence rule: " + e.getMessage());
        }
    }

    /** Days of the rule, counted from {@code start}, that fall within [from, to]. */
    public List<LocalDate> days(LocalDate start, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        return recur.getDates(start, from, to);
    }

    /** Whether the rule ends by itself (COUNT or UNTIL). */
    public boolean bounded() {
        return recur.getCount() > 0 || recur.getUntil() != null;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
