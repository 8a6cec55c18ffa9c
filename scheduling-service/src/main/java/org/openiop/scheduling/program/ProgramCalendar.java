package org.openiop.scheduling.program;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.openiop.programweek.ProgramWeek;

/**
 * A program's local time: turns a local day and wall-clock times into real instants in the program's zone, and finds
 * the program week a day belongs to. Daylight saving is handled by the zone rules, so an 18:00 session is 18:00 local
 * on both sides of a clock change, and a block across the change lasts its real number of minutes.
 */
public record ProgramCalendar(ZoneId zone, DayOfWeek weekStart) {

    /** Wall-clock times on a local day as instants. A time inside a spring-forward gap moves forward by the gap. */
    public Interval interval(LocalDate day, LocalTime start, LocalTime end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end must be after start");
        }
        return new Interval(ZonedDateTime.of(day, start, zone).toInstant(), ZonedDateTime.of(day, end, zone).toInstant());
    }

    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, zone);
    }

    public LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public LocalTime localTime(Instant instant) {
        return LocalTime.ofInstant(instant, zone);
    }

    /** The program week containing a day: from the week-start day 00:00 local to the next one (shared arithmetic). */
    public Week weekOf(LocalDate day) {
        ProgramWeek week = ProgramWeek.containing(day, weekStart, zone);
        return new Week(week.firstDay(), week.start(), week.end());
    }

    /** Half-open [start, end) span of real time. */
    public record Interval(Instant start, Instant end) {

        public Interval {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException("end must be after start");
            }
        }

        public long minutes() {
            return Duration.between(start, end).toMinutes();
        }

        /** Real minutes of this interval that fall inside another one. */
        public long minutesWithin(Instant from, Instant to) {
            Instant s = start.isAfter(from) ? start : from;
            Instant e = end.isBefore(to) ? end : to;
            return e.isAfter(s) ? Duration.between(s, e).toMinutes() : 0;
        }
    }

    /** A program week: its first local day and its real bounds (a DST week is 167 or 169 hours long). */
    public record Week(LocalDate firstDay, Instant start, Instant end) {

        public LocalDate lastDay() {
            return firstDay.plusDays(6);
        }
    }
}
