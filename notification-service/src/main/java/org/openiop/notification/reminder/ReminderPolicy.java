package org.openiop.notification.reminder;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.openiop.notification.contact.Channel;

/**
 * A program's reminder policy: how long before a session each reminder goes out, and over which channels.
 */
record ReminderPolicy(List<Duration> offsets, Set<Channel> channels) {

    public ReminderPolicy {
        if (offsets.isEmpty() || offsets.stream().anyMatch(o -> o.isNegative() || o.isZero())) {
            throw new IllegalArgumentException("reminder offsets must be positive");
        }
        offsets = offsets.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        channels = Set.copyOf(channels);
    }

    /** The stable name of the reminder sent {@code offset} before a session, e.g. REMINDER_24H or REMINDER_90M. */
    public static String reminderKind(Duration offset) {
        long minutes = offset.toMinutes();
        return minutes % 60 == 0 ? "REMINDER_" + minutes / 60 + "H" : "REMINDER_" + minutes + "M";
    }
}
