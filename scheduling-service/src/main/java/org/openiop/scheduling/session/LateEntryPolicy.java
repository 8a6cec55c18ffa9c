package org.openiop.scheduling.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.openiop.backbone.security.Roles;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Entering what already happened (a session held during an outage, an added individual session, a seat nobody booked):
 * allowed with a reason, up to {@code scheduling.late-entry.window} (14 days) after the session started for staff and
 * beyond that for an administrator. The entry keeps who entered it and when; the database admits a booking of a started
 * session only when it carries that mark (see V20_1__late_entry.sql).
 */
@Component
@EnableConfigurationProperties(LateEntryPolicy.Settings.class)
public class LateEntryPolicy {

    /** @param window how long after a session started staff may still enter it or book into it (ADMIN: any time) */
    @ConfigurationProperties("scheduling.late-entry")
    record Settings(@DefaultValue("14d") Duration window) {
    }

    /** Who entered a record of something that already happened, when, and why. */
    public record LateEntry(String reason, String enteredBy, Instant enteredAt) {
    }

    private final Clock clock;
    private final Duration window;

    LateEntryPolicy(Clock clock, Settings settings) {
        this.clock = clock;
        this.window = settings.window();
    }

    /**
     * The late-entry mark for a record of a session starting at {@code startsAt}: null while the session is ahead (a
     * live record), otherwise the mark, provided a reason is given and the session lies within the caller's window.
     *
     * @param timeField the request field that placed the record in time (named when the window refuses it)
     */
    public LateEntry check(Instant startsAt, String reason, String timeField, String pastCode) {
        Instant now = clock.instant();
        boolean hasReason = reason != null && !reason.isBlank();
        if (startsAt.isAfter(now)) {
            if (hasReason) {
                throw RuleViolation.invalid("lateEntryReason",
                        "a late-entry reason is only for a session that has already started (this one starts at "
                                + startsAt + ")");
            }
            return null;
        }
        if (!hasReason) {
            throw new RuleViolation(HttpStatus.UNPROCESSABLE_ENTITY, pastCode, "The session starts at " + startsAt
                    + ", in the past: enter it as a late entry with a reason (lateEntryReason)", List.of(
                            new RuleViolation.FieldProblem(timeField, "the session has already started"),
                            new RuleViolation.FieldProblem("lateEntryReason",
                                    "a late entry of what already happened needs a reason")));
        }
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = user != null && user.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + Roles.ADMIN).equals(a.getAuthority()));
        if (startsAt.isBefore(now.minus(window)) && !admin) {
            throw RuleViolation.unprocessable("late-entry-window-passed", timeField, "the session started at "
                    + startsAt + ", more than " + window.toDays() + " days ago: only an administrator may enter it late");
        }
        return new LateEntry(reason.strip(), user == null ? "unknown" : user.getName(), now);
    }
}
