package org.openiop.notification.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one check every message goes through just before it is sent: is what it says still true? A reminder,
 * confirmation or change notice of a session since cancelled or moved, a cancellation of a booking that is on again, a
 * "we missed you" (or the staff's missed-session alert) for an absence since corrected to attended or excused, or a
 * client message after the client's discharge is not sent: the caller records it DROPPED with the reason returned.
 * Consent and addresses are checked by the caller with the contact ({@code Contact.cannotReceive}).
 */
@Component
public class SendTimeCheck {

    private static final Set<String> ABSENCES = Set.of("NO_SHOW", "UNEXCUSED");

    private final JdbcClient jdbc;

    SendTimeCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Facts(String bookingStatus, Instant startsAt, String outcome, LocalDate dischargedOn) {
    }

    /** @return why the message is no longer true, or empty if it may go out */
    public Optional<String> noLongerTrue(Delivery d) {
        boolean missed = d.kind().equals(MessageKind.MISSED_FOLLOW_UP) || d.kind().equals(MessageKind.STAFF_MISSED_ALERT);
        if (d.bookingId() == null || !(MessageKind.aboutSession(d.kind()) || missed)) {
            return Optional.empty(); // compliance and certification alerts state figures as of their event
        }
        Facts facts = jdbc.sql("""
                SELECT b.status, b.starts_at, a.outcome, e.discharged_on
                FROM (SELECT 1) one
                LEFT JOIN booking b ON b.booking_id = :booking
                LEFT JOIN attendance_outcome a ON a.booking_id = :booking
                LEFT JOIN enrolment e ON e.client_id = :client""")
                .param("booking", d.bookingId()).param("client", d.clientId())
                .query((rs, n) -> new Facts(rs.getString("status"), instant(rs.getTimestamp("starts_at")),
                        rs.getString("outcome"), rs.getObject("discharged_on", LocalDate.class)))
                .single();
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

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
