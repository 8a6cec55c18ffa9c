package org.openiop.programweek;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * One program week: seven local days starting on the program's week-start day, from local midnight of its first day
 * to local midnight seven calendar days later, in the program's zone. Scheduling (planned minutes) and attendance
 * (weekly compliance) both count a client's hours against this same week, so the arithmetic lives here once.
 * A week across a daylight-saving change is 167 or 169 hours long; a zone whose midnight does not exist on a day
 * starts that day at its first valid instant (java.time's {@code atStartOfDay(zone)}).
 *
 * @param firstDay the local day the week starts on
 * @param zone     the program's zone
 * @param start    real instant the week begins (inclusive)
 * @param end      real instant the week ends (exclusive): the next week's start
 */
public record ProgramWeek(LocalDate firstDay, ZoneId zone, Instant start, Instant end) {

    public ProgramWeek {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(zone, "zone");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a week ends after it starts");
        }
    }

    /** The week that starts on {@code firstDay} (which is taken as given, whatever day of the week it is). */
    public static ProgramWeek startingOn(LocalDate firstDay, ZoneId zone) {
        return new ProgramWeek(firstDay, zone, begins(firstDay, zone), begins(firstDay.plusDays(7), zone));
    }

    /** The week, starting on {@code weekStart}, that contains the local day {@code day}. */
    public static ProgramWeek containing(LocalDate day, DayOfWeek weekStart, ZoneId zone) {
        return startingOn(firstDayOf(day, weekStart), zone);
    }

    /** The week, starting on {@code weekStart}, that contains the instant {@code at} as seen in {@code zone}. */
    public static ProgramWeek containing(Instant at, DayOfWeek weekStart, ZoneId zone) {
        return containing(LocalDate.ofInstant(at, zone), weekStart, zone);
    }

    /** First local day of the week, starting on {@code weekStart}, that contains {@code day}: zone-free. */
    public static LocalDate firstDayOf(LocalDate day, DayOfWeek weekStart) {
        return day.with(TemporalAdjusters.previousOrSame(weekStart));
    }

    /** Local midnight of a day as an instant (the first valid instant of the day where midnight is skipped). */
    public static Instant begins(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    public LocalDate lastDay() {
        return firstDay.plusDays(6);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay());
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    public ProgramWeek next() {
        return startingOn(firstDay.plusDays(7), zone);
    }

    public ProgramWeek plusWeeks(long weeks) {
        return startingOn(firstDay.plusWeeks(weeks), zone);
    }

    /** Real length: 168 hours, or 167 / 169 across a daylight-saving change. */
    public Duration length() {
        return Duration.between(start, end);
    }
}
