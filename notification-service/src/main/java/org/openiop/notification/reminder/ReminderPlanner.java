package org.openiop.notification.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.QuietHours;
import org.openiop.notification.delivery.MessageKind;

/**
 * All reminder timing in one place, free of Spring, Kafka and SQL.
 * <ul>
 * <li>Each offset of the policy gives a reminder {@code offset} before the session starts.</li>
 * <li>A reminder that falls in the client's quiet hours moves earlier, to the last minute before they begin: late
 * is worse than early for a reminder.</li>
 * <li>A reminder that would have been due before the booking was made (the booking came inside an offset) is
 * replaced by one confirmation, sent at once.</li>
 * <li>Messages sent "at once" (confirmation, change and cancellation notices, follow-ups) wait for the end of quiet
 * hours, unless that would be after the session starts.</li>
 * </ul>
 * Quiet hours are read in the client's time zone (or the program's when the client has none).
 */
final class ReminderPlanner {

    /** How far before quiet hours a reminder that falls inside them is sent. */
    static final Duration BEFORE_QUIET_HOURS = Duration.ofMinutes(1);

    /**
     * @param startsAt    when the session starts
     * @param bookedAt    when the booking (or its latest reschedule) was made; nothing is planned before it
     * @param zone        the client's time zone, for quiet hours
     * @param policy      the program's reminder policy
     * @param channels    the channels to use (the policy's, narrowed to the client's preferred ones)
     * @param quietHours the client's quiet hours, or null
     */
    public List<PlannedMessage> plan(Instant startsAt, Instant bookedAt, ZoneId zone, ReminderPolicy policy,
            Set<Channel> channels, QuietHours quietHours) {
        if (!startsAt.isAfter(bookedAt)) {
            return List.of();
        }
        List<PlannedMessage> planned = new ArrayList<>();
        boolean confirm = false;
        for (Duration offset : policy.offsets()) {
            Instant due = startsAt.minus(offset);
            if (quietHours != null && quietHours.contains(due, zone)) {
                due = quietHours.periodStart(due, zone).minus(BEFORE_QUIET_HOURS);
            }
            if (due.isBefore(bookedAt)) {
                confirm = true;
            } else {
                for (Channel channel : sorted(channels)) {
                    planned.add(new PlannedMessage(ReminderPolicy.reminderKind(offset), channel, due));
                }
            }
        }
        if (confirm) {
            Instant due = sendPromptly(bookedAt, startsAt, zone, quietHours);
            for (Channel channel : sorted(channels)) {
                planned.add(0, new PlannedMessage(MessageKind.CONFIRMATION, channel, due));
            }
        }
        return List.copyOf(planned);
    }

    /**
     * When a message meant to go out at {@code now} is sent: now, or when the client's quiet hours end if that is
     * still before {@code latest} (e.g. the session it announces); past {@code latest} it goes now after all.
     */
    public Instant sendPromptly(Instant now, Instant latest, ZoneId zone, QuietHours quietHours) {
        return QuietHours.sendPromptly(now, latest, zone, quietHours);
    }

    private static List<Channel> sorted(Set<Channel> channels) {
        return channels.stream().sorted().toList();
    }
}
