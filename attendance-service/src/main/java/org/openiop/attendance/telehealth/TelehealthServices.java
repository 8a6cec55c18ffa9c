package org.openiop.attendance.telehealth;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openiop.attendance.booking.BookingRepository;
import org.openiop.attendance.booking.SessionModalityNoted;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which services were delivered by telehealth, for the payer evidence and FHIR: a booking in a TELEHEALTH session,
 * or one whose client was in the session's video meeting (a HYBRID session attended online). Payers expect such a
 * service billed with place of service 10 (the client's home; 02 elsewhere, {@code attendance.telehealth
 * .place-of-service}) and modifier 95.
 */
@Component
public class TelehealthServices {

    public static final String MODIFIER = "95";

    private final TelehealthSessionRepository sessions;
    private final BookingRepository bookings;
    private final String placeOfService;

    TelehealthServices(TelehealthSessionRepository sessions, BookingRepository bookings,
            @Value("${attendance.telehealth.place-of-service:10}") String placeOfService) {
        this.sessions = sessions;
        this.bookings = bookings;
        this.placeOfService = placeOfService;
    }

    /** How a telehealth service is marked on a claim line. */
    public record Mark(String placeOfService, String modifier) {
    }

    /**
     * Called (through {@link SessionModalityNoted}) by the booking stream in the same transaction as the booking. The newest announcement of a session wins
     * ({@code occurredAt}): a session can move online or back to the room after it was created, and its seats' events
     * arrive in any order. An in-person session gets a row only once it has been a video one.
     */
    @EventListener
    void on(SessionModalityNoted noted) {
        sessions.note(noted.sessionId(), noted.modality(), noted.occurredAt());
    }

    /**
     * Those of the given bookings that are telehealth services: in a session noted as TELEHEALTH, or matched to a
     * participant of the session's video meeting. Only bookings this service knows count; their sessions come from
     * the booking package's read API, not from its table.
     */
    public Set<String> telehealthBookings(Collection<String> bookingIds) {
        Map<String, String> sessionOfBooking = bookings.sessionsOf(bookingIds);
        if (sessionOfBooking.isEmpty()) {
            return Set.of();
        }
        Set<String> videoSessions = Set.copyOf(sessions.videoSessions(
                sessionOfBooking.values().stream().distinct().toList()));
        Set<String> joined = Set.copyOf(sessions.joinedBookings(sessionOfBooking.keySet()));
        return sessionOfBooking.entrySet().stream()
                .filter(s -> videoSessions.contains(s.getValue()) || joined.contains(s.getKey()))
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    public Map<String, Mark> marks(Collection<String> bookingIds) {
        Mark mark = new Mark(placeOfService, MODIFIER);
        return telehealthBookings(bookingIds).stream().collect(Collectors.toMap(b -> b, b -> mark));
    }
}
