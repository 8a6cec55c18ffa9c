package org.openiop.webui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** How the pages write minutes, times and days; used from templates as {@code @fmt}. */
@Component("fmt")
public class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

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

    public String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    public String dayAndTime(Instant at, String zone) {
        return at == null ? "" : DAY.format(at.atZone(ZoneId.of(zone))) + " " + time(at, zone);
    }

    public String weekday(LocalDate date) {
        return date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
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
