package org.openiop.attendance.telehealth;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openiop.events.SessionModality;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which services were delivered by telehealth, for the payer evidence and FHIR: a booking in a TELEHEALTH session,
 * or one whose client was in the session's video meeting (a HYBRID session attended online). Payers expect such a
 * service billed with place of service 10 (the client's home; 02 elsewhere, {@code attendance.telehealth
 * .place-of-service}) and modifier 95.
 */
@Component
public class TelehealthServices {

    /** SQL: is booking {@code b} a telehealth service. */
    public static final String IS_TELEHEALTH = """
            (EXISTS (SELECT 1 FROM telehealth_session ts WHERE ts.session_id = b.session_id
                     AND ts.modality = 'TELEHEALTH')
             OR EXISTS (SELECT 1 FROM telehealth_participant tp WHERE tp.booking_id = b.booking_id))""";

    public static final String MODIFIER = "95";

    private final JdbcClient jdbc;
    private final String placeOfService;

    TelehealthServices(JdbcClient jdbc, @Value("${attendance.telehealth.place-of-service:10}") String placeOfService) {
        this.jdbc = jdbc;
        this.placeOfService = placeOfService;
    }

    /** How a telehealth service is marked on a claim line. */
    public record Mark(String placeOfService, String modifier) {
    }

    /** Called by the booking stream in the same transaction as the booking (one row per video session). */
    public void note(String sessionId, SessionModality modality) {
        if (modality == SessionModality.IN_PERSON) {
            return;
        }
        jdbc.sql("""
                INSERT INTO telehealth_session (session_id, modality) VALUES (:s, :m)
                ON CONFLICT (session_id) DO UPDATE SET modality = excluded.modality""")
                .param("s", sessionId).param("m", modality.name()).update();
    }

    public Map<String, Mark> marks(Collection<String> bookingIds) {
        if (bookingIds.isEmpty()) {
            return Map.of();
        }
        Set<String> telehealth = Set.copyOf(jdbc.sql("SELECT b.booking_id FROM booking b"
                + " WHERE b.booking_id = ANY(:ids) AND " + IS_TELEHEALTH).param("ids", bookingIds.toArray(String[]::new)).query(String.class).list());
        Mark mark = new Mark(placeOfService, MODIFIER);
        return telehealth.stream().collect(Collectors.toMap(b -> b, b -> mark));
    }
}
