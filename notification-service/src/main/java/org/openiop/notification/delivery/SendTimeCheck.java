package org.openiop.notification.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The check for several messages with one query (a sender's next few messages): the facts are read just
     * before that handful goes out, not once for the whole claimed batch.
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
        Map<String, Facts> facts = new HashMap<>();
        jdbc.sql("""
                SELECT q.booking, q.client, b.status, b.starts_at, a.outcome, e.discharged_on
                FROM unnest(CAST(:bookings AS text[]), CAST(:clients AS text[])) AS q(booking, client)
                LEFT JOIN booking b ON b.booking_id = q.booking
                LEFT JOIN attendance_outcome a ON a.booking_id = q.booking
                LEFT JOIN enrolment e ON e.client_id = q.client""")
                .param("bookings", checked.stream().map(Delivery::bookingId).toArray(String[]::new))
                .param("clients", checked.stream().map(Delivery::clientId).toArray(String[]::new))
                .query((rs, n) -> facts.put(rs.getString("booking") + "/" + rs.getString("client"),
                        new Facts(rs.getString("status"), instant(rs.getTimestamp("starts_at")),
                                rs.getString("outcome"), rs.getObject("discharged_on", LocalDate.class))))
                .list();
        for (Delivery d : checked) {
            verdicts.put(d.id(), judge(d, facts.getOrDefault(d.bookingId() + "/" + d.clientId(),
                    new Facts(null, null, null, null))));
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

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
