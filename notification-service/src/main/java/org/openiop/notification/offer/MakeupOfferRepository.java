package org.openiop.notification.offer;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** notification-service's copy of each client's offers. */
@Repository
class MakeupOfferRepository {

    private final JdbcClient jdbc;

    MakeupOfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Offer e) {
        jdbc.sql("""
                INSERT INTO makeup_offer (offer_id, client_id, program_id, time_zone, expires_at, created_at)
                VALUES (:id, :client, :program, :zone, :expires, :created) ON CONFLICT DO NOTHING""")
                .param("id", e.offerId()).param("client", e.clientId()).param("program", e.programId())
                .param("zone", e.timeZone()).param("expires", Timestamp.from(e.expiresAt()))
                .param("created", Timestamp.from(e.occurredAt())).update();
        for (Offer.Option option : e.options()) {
            jdbc.sql("INSERT INTO makeup_offer_option (offer_id, number) VALUES (:id, :n) ON CONFLICT DO NOTHING")
                    .param("id", e.offerId()).param("n", option.number()).update();
            for (Offer.Time s : option.sessions()) {
                jdbc.sql("""
                        INSERT INTO makeup_offer_session (offer_id, number, session_id, starts_at, ends_at)
                        VALUES (:id, :n, :s, :start, :end) ON CONFLICT DO NOTHING""")
                        .param("id", e.offerId()).param("n", option.number()).param("s", s.sessionId())
                        .param("start", Timestamp.from(s.startsAt())).param("end", Timestamp.from(s.endsAt()))
                        .update();
            }
        }
    }

    record Row(String offerId, String clientId, String programId, String status, Integer chosenOption) {
    }

    Optional<Row> lock(String offerId) {
        return jdbc.sql("""
                SELECT offer_id, client_id, program_id, status, chosen_option FROM makeup_offer
                WHERE offer_id = :id FOR UPDATE""").param("id", offerId)
                .query((rs, n) -> new Row(rs.getString("offer_id"), rs.getString("client_id"),
                        rs.getString("program_id"), rs.getString("status"), (Integer) rs.getObject("chosen_option")))
                .optional();
    }

    Optional<String> programOf(String offerId) {
        return jdbc.sql("SELECT program_id FROM makeup_offer WHERE offer_id = :id").param("id", offerId)
                .query(String.class).optional();
    }

    Optional<String> optionStatus(String offerId, int number) {
        return jdbc.sql("SELECT status FROM makeup_offer_option WHERE offer_id = :id AND number = :n")
                .param("id", offerId).param("n", number).query(String.class).optional();
    }

    void status(String offerId, String status, Integer chosenOption, String lastRefusal) {
        jdbc.sql("""
                UPDATE makeup_offer SET status = :status, chosen_option = :option, last_refusal = :refusal,
                    updated_at = now() WHERE offer_id = :id""")
                .param("status", status).param("option", chosenOption).param("refusal", lastRefusal)
                .param("id", offerId).update();
    }

    void optionStatus(String offerId, List<Integer> numbers, String status) {
        jdbc.sql("UPDATE makeup_offer_option SET status = :status WHERE offer_id = :id AND number = ANY(:n)")
                .param("status", status).param("id", offerId).param("n", numbers.toArray(Integer[]::new)).update();
    }

    void closeOthers(String offerId, int booked) {
        jdbc.sql("""
                UPDATE makeup_offer_option SET status = CASE WHEN number = :n THEN 'BOOKED' ELSE 'CLOSED' END
                WHERE offer_id = :id AND (number = :n OR status = 'OPEN')""")
                .param("id", offerId).param("n", booked).update();
    }

    /**
     * The client's offers still open or pending, and those that ended in the last {@code recent}: the page shows an
     * outcome for a while, then forgets it.
     */
    List<ClientOffer> forClient(String clientId, ZoneId ownZone, String place, Instant endedSince) {
        record OfferRow(String id, String status, Integer chosen, String refusal, Instant expires, String zone) {
        }
        List<OfferRow> offers = jdbc.sql("""
                SELECT offer_id, status, chosen_option, last_refusal, expires_at, time_zone FROM makeup_offer
                WHERE client_id = :client AND status <> 'WITHDRAWN' AND (status IN ('OPEN','PENDING') OR updated_at >= :since)
                ORDER BY created_at DESC LIMIT 5""")
                .param("client", clientId).param("since", Timestamp.from(endedSince))
                .query((rs, n) -> new OfferRow(rs.getString("offer_id"), rs.getString("status"),
                        (Integer) rs.getObject("chosen_option"), rs.getString("last_refusal"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getString("time_zone")))
                .list();
        List<ClientOffer> result = new ArrayList<>();
        for (OfferRow o : offers) {
            ZoneId zone = ownZone != null ? ownZone : ZoneId.of(o.zone());
            Map<Integer, List<ClientOffer.Slot>> slots = new LinkedHashMap<>();
            Map<Integer, String> statuses = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT p.number, p.status, s.starts_at, s.ends_at FROM makeup_offer_option p
                    JOIN makeup_offer_session s ON s.offer_id = p.offer_id AND s.number = p.number
                    WHERE p.offer_id = :id ORDER BY p.number, s.starts_at""").param("id", o.id())
                    .query(rs -> {
                        int number = rs.getInt("number");
                        statuses.put(number, rs.getString("status"));
                        ZonedDateTime start = rs.getTimestamp("starts_at").toInstant().atZone(zone);
                        ZonedDateTime end = rs.getTimestamp("ends_at").toInstant().atZone(zone);
                        slots.computeIfAbsent(number, k -> new ArrayList<>()).add(new ClientOffer.Slot(
                                start.toLocalDate(), start.toLocalTime(), end.toLocalTime(), start.toInstant(),
                                end.toInstant()));
                    });
            List<ClientOffer.Option> options = statuses.entrySet().stream()
                    .map(e -> new ClientOffer.Option(e.getKey(), e.getValue(), slots.get(e.getKey()))).toList();
            result.add(new ClientOffer(o.id(), o.status(), o.chosen(), o.refusal(), o.expires(), zone.getId(), place,
                    options));
        }
        return result;
    }
}
