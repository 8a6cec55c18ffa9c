package org.openiop.attendance.telehealth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Attended time from join/leave intervals, the same for every platform: each interval clipped to the session (as
 * in-person times are), overlaps and re-joins merged (two devices at once count once), gaps left out. Pure.
 */
final class PresenceRules {

    private PresenceRules() {
    }

    public record Interval(Instant from, Instant to) {
    }

    /** @param minutes whole minutes inside the session; in/out the first and last moment present (clipped) */
    public record Attended(Instant checkedIn, Instant checkedOut, int minutes, List<Interval> merged) {
    }

    public static Optional<Attended> attended(Instant sessionStart, Instant sessionEnd, List<Interval> intervals) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval i : intervals) {
            Instant from = i.from().isAfter(sessionStart) ? i.from() : sessionStart;
            Instant to = i.to().isBefore(sessionEnd) ? i.to() : sessionEnd;
            if (to.isAfter(from)) {
                clipped.add(new Interval(from, to));
            }
        }
        if (clipped.isEmpty()) {
            return Optional.empty();
        }
        clipped.sort(Comparator.comparing(Interval::from));
        List<Interval> merged = new ArrayList<>();
        Interval current = clipped.get(0);
        for (Interval next : clipped.subList(1, clipped.size())) {
            if (!next.from().isAfter(current.to())) {
                current = new Interval(current.from(), next.to().isAfter(current.to()) ? next.to() : current.to());
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        long seconds = merged.stream().mapToLong(i -> Duration.between(i.from(), i.to()).toSeconds()).sum();
        return Optional.of(new Attended(merged.get(0).from(), merged.get(merged.size() - 1).to(),
                (int) (seconds / 60), List.copyOf(merged)));
    }
}
