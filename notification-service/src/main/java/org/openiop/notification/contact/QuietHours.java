package org.openiop.notification.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Local hours in which a client receives nothing, e.g. 21:00-08:00 (may span midnight). The window is half-open:
 * it starts at {@code start} and ends just before {@code end}.
 */
public record QuietHours(LocalTime start, LocalTime end) {

    public QuietHours {
        if (start == null || end == null || start.equals(end)) {
            throw new IllegalArgumentException("quiet hours need a start and a different end");
        }
    }

    private boolean spansMidnight() {
        return end.isBefore(start);
    }

    public boolean contains(LocalTime time) {
        return spansMidnight() ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    public boolean contains(Instant instant, ZoneId zone) {
        return contains(instant.atZone(zone).toLocalTime());
    }

    /**
     * The moment this quiet period began, for an instant inside it. On a DST gap the local start is shifted the way
     * {@link ZonedDateTime#of} shifts it (forward by the gap), which keeps it a real instant.
     */
    public Instant periodStart(Instant inside, ZoneId zone) {
        ZonedDateTime local = inside.atZone(zone);
        LocalDate day = spansMidnight() && local.toLocalTime().isBefore(end) ? local.toLocalDate().minusDays(1)
                : local.toLocalDate();
        return ZonedDateTime.of(day, start, zone).toInstant();
    }

    /** The moment this quiet period ends, for an instant inside it. */
    public Instant periodEnd(Instant inside, ZoneId zone) {
        ZonedDateTime local = inside.atZone(zone);
        LocalDate day = spansMidnight() && !local.toLocalTime().isBefore(start) ? local.toLocalDate().plusDays(1)
                : local.toLocalDate();
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    /**
     * When a message meant to go out at {@code now} is sent: now, or when the quiet hours end if that is still before
     * {@code latest} (e.g. the session it announces; null for no limit); past {@code latest} it goes now after all.
     * No quiet hours (null): now.
     */
    public static Instant sendPromptly(Instant now, Instant latest, ZoneId zone, QuietHours quietHours) {
        if (quietHours == null || !quietHours.contains(now, zone)) {
            return now;
        }
        Instant end = quietHours.periodEnd(now, zone);
        return latest == null || end.isBefore(latest) ? end : now;
    }
}
