package org.openiop.notification.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.openiop.notification.program.EnrolmentRepository;
import org.springframework.stereotype.Component;

/**
 * The one check every message goes through just before it is sent: is what it says still true? A reminder,
 * confirmation or change notice of a session since cancelled or moved, a cancellation of a booking that is on again, a
 * "we missed you" (or the staff's missed-session alert) for an absence since corrected to attended or excused, or a
 * client message after the client's discharge is not sent: the caller records it DROPPED with the reason returned.
 * Consent and addresses are checked by the caller with the contact ({@code Contact.cannotReceive}).
 */
@Component
class SendTimeCheck {

    private static final Set<String> ABSENCES = Set.of("NO_SHOW", "UNEXCUSED");

    private final BookedSessions bookings;
    private final AttendanceOutcomes attendance;
    private final EnrolmentRepository enrolments;

    SendTimeCheck(BookedSessions bookings, AttendanceOutcomes attendance, EnrolmentRepository enrolments) {
        this.bookings = bookings;
        this.attendance = attendance;
        this.enrolments = enrolments;
    }

    private record Facts(String bookingStatus, Instant startsAt, String outcome, LocalDate dischargedOn) {
    }

    /**
     * The check for several messages (a sender's next few messages) with one query per kind of fact: the facts are
     * read just before that handful goes out, not once for the whole claimed batch.
     *
     * @return by delivery id: why the message is no longer true, or empty if it may go out
     */
    public Map<Long, Optional<String>> noLongerTrue(Collection<Delivery> deliveries) {
        List<Delivery> checked = deliveries.stream().filter(SendTimeCheck::checked).toList();
        Map<Long, Optional<String>> verdicts = new HashMap<>();
        deliveries.forEach(d -> verdicts.put(d.id(), Optional.empty()));
        if (checked.isEmpty()) {
            return verdicts;
        }
        // each fact from the package that keeps it, one query each for the handful
        List<String> bookingIds = checked.stream().map(Delivery::bookingId).distinct().toList();
        Map<String, BookedSessions.State> states = bookings.states(bookingIds);
        Map<String, String> outcomes = attendance.of(bookingIds);
        Map<String, LocalDate> discharged = enrolments.dischargedOn(checked.stream().map(Delivery::clientId)
                .filter(Objects::nonNull).distinct().toList());
        for (Delivery d : checked) {
            BookedSessions.State state = states.get(d.bookingId());
            Facts facts = new Facts(state == null ? null : state.cancelled() ? "CANCELLED" : "SCHEDULED",
                    state == null ? null : state.startsAt(), outcomes.get(d.bookingId()),
                    d.clientId() == null ? null : discharged.get(d.clientId()));
            verdicts.put(d.id(), judge(d, facts));
        }
        return verdicts;
    }

    /** Compliance and certification alerts state figures as of their event: nothing to check for them. */
    private static boolean checked(Delivery d) {
        boolean missed = d.kind().equals(MessageKind.MISSED_FOLLOW_UP) || d.kind().equals(MessageKind.STAFF_MISSED_ALERT);
        return d.bookingId() != null && (MessageKind.aboutSession(d.kind()) || missed);
    }

    private static Optional<String> judge(Delivery d, Facts facts) {
        boolean missed = d.kind().equals(MessageKind.MISSED_FOLLOW_UP) || d.kind().equals(MessageKind.STAFF_MISSED_ALERT);
        if (missed) {
            if (facts.outcome() != null && !ABSENCES.contains(facts.outcome())) {
                return Optional.of("attendance corrected to " + facts.outcome());
            }
        } else if (d.kind().equals(MessageKind.CANCELLATION)) {
            if ("SCHEDULED".equals(facts.bookingStatus()) && d.sessionStartsAt().equals(facts.startsAt())) {
                return Optional.of("the session is on again");
            }
        } else {
            if ("CANCELLED".equals(facts.bookingStatus())) {
                return Optional.of("session cancelled");
            }
            if (facts.startsAt() != null && !facts.startsAt().equals(d.sessionStartsAt())) {
                return Optional.of("session moved");
            }
        }
        if (d.audience() == Audience.CLIENT && facts.dischargedOn() != null && d.sessionStartsAt() != null) {
            ZoneId zone = d.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(d.timeZone());
            LocalDate day = d.sessionStartsAt().atZone(zone).toLocalDate();
            // discharged: no more session messages from the discharge day on, and no follow-up at all
            if (missed || !day.isBefore(facts.dischargedOn())) {
                return Optional.of("client discharged");
            }
        }
        return Optional.empty();
    }
}
