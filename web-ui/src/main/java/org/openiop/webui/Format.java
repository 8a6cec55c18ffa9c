package org.openiop.webui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.openiop.webui.services.ProgramDirectory;
import org.springframework.stereotype.Component;

/**
 * How the pages write minutes, times and days; used from templates as {@code @fmt}. One time format for the pages'
 * one locale (English): the 24-hour clock, hours and minutes ("09:05", "14:30"), never "2:30 PM" beside "14:30"; and
 * always the program's own time ({@code zone}), never the server's or UTC. Every time a page shows goes through here.
 */
@Component("fmt")
class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMM", Locale.ENGLISH);

    private final org.springframework.beans.factory.ObjectProvider<ProgramDirectory> programs;

    Format(org.springframework.beans.factory.ObjectProvider<ProgramDirectory> programs) {
        this.programs = programs;
    }

    /**
     * The time zone of a program, for a page that shows times of several of its clients' messages (the Messages page):
     * UTC only when there is no program or it cannot be looked up.
     */
    public String programZone(String programId) {
        ProgramDirectory directory = programs.getIfAvailable();
        if (programId == null || directory == null) {
            return "UTC";
        }
        try {
            return directory.program(programId).timeZone();
        } catch (RuntimeException e) {
            return "UTC";
        }
    }

    /** 330 -> "5 h 30 min", 540 -> "9 h", 0 -> "0 h". */
    public String hours(Number minutes) {
        if (minutes == null) {
            return "–";
        }
        long m = minutes.longValue();
        long h = m / 60;
        long rest = m % 60;
        return rest == 0 ? h + " h" : h + " h " + rest + " min";
    }

    /** Progress towards a minimum as a whole percentage, capped at 100. */
    public int percent(Number attended, Number minimum) {
        if (attended == null || minimum == null || minimum.longValue() <= 0) {
            return 0;
        }
        return (int) Math.min(100, attended.longValue() * 100 / minimum.longValue());
    }

    public String time(Instant at, String zone) {
        return at == null ? "" : TIME.format(at.atZone(ZoneId.of(zone)));
    }

    /** A time of the program's day: 09:00 (seconds, if any, left out). */
    public String time(LocalTime at) {
        return at == null ? "" : TIME.format(at);
    }

    /** A session's times on its own day: "09:00–12:00". */
    public String span(LocalTime start, LocalTime end) {
        return time(start) + "–" + time(end);
    }

    /** From and until as the program's local times: "09:00–12:00". */
    public String span(Instant start, Instant end, String zone) {
        return time(start, zone) + "–" + time(end, zone);
    }

    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public String dayAndTime(Instant at, String zone) {
        return at == null ? "" : DAY.format(at.atZone(ZoneId.of(zone))) + " " + time(at, zone);
    }

    /** The day with its weekday written out: "Saturday 28 Nov" (for headings and lists of single days). */
    public String longDay(LocalDate date) {
        return date == null ? "" : LONG_DAY.format(date);
    }

    /** AT_RISK -> "At risk". */
    public String words(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        String s = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
