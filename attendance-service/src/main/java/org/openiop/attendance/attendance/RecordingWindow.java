package org.openiop.attendance.attendance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.openiop.attendance.AttendanceProperties;
import org.openiop.attendance.booking.Booking;
import org.openiop.backbone.security.Roles;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * When attendance can have happened: the one place that knows "now" for recording, including the allowance for clocks
 * (the front door's, the database's) running slightly ahead of this service's. Attendance is evidence: a check-in
 * before the lead, a check-out or whole session in the future, or an absence before the session started is refused
 * with a problem naming the field and the rule, and the roster offers only the actions these rules allow.
 */
@Component
public class RecordingWindow {

    /** What staff may record for a booking right now. */
    public enum Action {
        CHECK_IN, CHECK_OUT, WHOLE_SESSION, ABSENCE
    }

    private final Clock clock;
    private final Duration lead;
    private final Duration skew;
    private final Duration lateEntryWindow;

    RecordingWindow(Clock clock, AttendanceProperties properties) {
        this.clock = clock;
        this.lead = properties.recording().checkInLead();
        this.skew = properties.recording().clockSkew();
        this.lateEntryWindow = properties.recording().lateEntryWindow();
    }

    /**
     * The first record of a booking entered late (scheduling's late entry) is a late entry too: it needs a reason, and
     * beyond {@code attendance.recording.late-entry-window} (14 days) after the session started only an administrator
     * may make it. Returns the reason to keep with the record, or null for a live booking (whose reason is refused
     * when {@code refuseForLive}, ignored otherwise, as for the live lines of a roll call).
     */
    String lateEntry(Booking booking, String reason, String fieldPrefix, boolean refuseForLive) {
        boolean hasReason = reason != null && !reason.isBlank();
        if (booking.lateEntry() == null) {
            if (hasReason && refuseForLive) {
                throw RuleViolation.invalid("lateEntryReason", "booking " + booking.bookingId()
                        + " was booked live; a late-entry reason is only for a booking entered late");
            }
            return null;
        }
        if (!hasReason) {
            throw RuleViolation.unprocessable("late-entry-reason-required", "lateEntryReason", "booking "
                    + booking.bookingId() + " was entered late (by " + booking.lateEntry().enteredBy()
                    + "); its attendance is a late entry and needs a reason");
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = user != null && user.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.ADMIN).equals(a.getAuthority()));
        if (booking.startsAt().isBefore(clock.instant().minus(lateEntryWindow)) && !admin) {
            throw RuleViolation.unprocessable("late-entry-window-passed", fieldPrefix + "bookingId", "the session "
                    + "started at " + booking.startsAt() + ", more than " + lateEntryWindow.toDays()
                    + " days ago: only an administrator may enter its attendance late");
        }
        return reason.strip();
    }

    /** The latest instant a recorded time may carry: this service's now plus the allowed clock skew. */
    public Instant latest() {
        return clock.instant().plus(skew);
    }

    /** The earliest check-in for a booking. */
    public Instant earliestCheckIn(Booking booking) {
        return booking.startsAt().minus(lead);
    }

    void checkIn(Booking booking, Instant in, String field) {
        if (in.isBefore(earliestCheckIn(booking))) {
            throw RuleViolation.unprocessable("check-in-too-early", field, "checkedInAt " + in + " is more than "
                    + lead.toMinutes() + " min before the session starts (" + booking.startsAt() + ")");
        }
        notInTheFuture(in, field);
    }

    void notInTheFuture(Instant at, String field) {
        if (at.isAfter(latest())) {
            throw RuleViolation.unprocessable("not-yet-happened", field, field.substring(field.lastIndexOf('.') + 1)
                    + " " + at + " is in the future; attendance is recorded once it has happened");
        }
    }

    void sessionStarted(Booking booking, String field) {
        if (booking.startsAt().isAfter(latest())) {
            throw RuleViolation.unprocessable("session-not-started", field, "the session starts at "
                    + booking.startsAt() + "; an absence is recorded once it has started");
        }
    }

    /** The recording actions the rules allow for a booking at this moment (none once recorded or cancelled). */
    public Set<Action> allowed(Booking booking) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        if (booking.cancelled() || booking.recorded()) {
            return actions;
        }
        Instant latest = latest();
        if (!latest.isBefore(earliestCheckIn(booking)) && !latest.isAfter(booking.endsAt())) {
            actions.add(Action.CHECK_IN);
        }
        if (latest.isAfter(booking.startsAt())) {
            actions.add(Action.CHECK_OUT);
        }
        if (!booking.endsAt().isAfter(latest)) {
            actions.add(Action.WHOLE_SESSION);
        }
        if (!booking.startsAt().isAfter(latest)) {
            actions.add(Action.ABSENCE);
        }
        return actions;
    }
}
