package org.openiop.scheduling.offer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.openiop.scheduling.makeup.Candidate;
import org.openiop.scheduling.makeup.MakeupOptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Offers, their options and the sessions of each option. */
@Repository
class OfferRepository {

    private final JdbcClient jdbc;

    OfferRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, MakeupOptions.Options options, Instant expiresAt, String offeredBy) {
        jdbc.sql("""
                INSERT INTO makeup_offer (id, client_id, program_id, week_start, expires_at, offered_by)
                VALUES (:id, :client, :program, :week, :expires, :by)""")
                .param("id", id).param("client", options.clientId()).param("program", options.programId())
                .param("week", options.weekStart()).param("expires", utc(expiresAt)).param("by", offeredBy).update();
        int number = 1;
        for (MakeupOptions.Option option : options.options()) {
            jdbc.sql("""
                    INSERT INTO makeup_offer_option (offer_id, number, expires_at, minutes)
                    VALUES (:id, :n, :expires, :minutes)""")
                    .param("id", id).param("n", number).param("expires", utc(option.expiresAt()))
                    .param("minutes", (int) option.minutes()).update();
            for (Candidate session : option.sessions()) {
                jdbc.sql("""
                        INSERT INTO makeup_offer_session (offer_id, number, session_id, starts_at, ends_at)
                        VALUES (:id, :n, :s, :starts, :ends)""")
                        .param("id", id).param("n", number).param("s", session.sessionId())
                        .param("starts", utc(session.startsAt())).param("ends", utc(session.endsAt())).update();
            }
            number++;
        }
    }

    Optional<MakeupOffer> find(UUID id) {
        return load("o.id = :id", Map.of("id", id), "").stream().findFirst();
    }

    /** The offer row locked (FOR UPDATE), after the caller took the program's share lock. */
    Optional<MakeupOffer> lock(UUID id) {
        jdbc.sql("SELECT id FROM makeup_offer WHERE id = :id FOR UPDATE").param("id", id).query(UUID.class).optional();
        return find(id);
    }

    Optional<UUID> programOf(UUID offerId) {
        return jdbc.sql("SELECT program_id FROM makeup_offer WHERE id = :id").param("id", offerId)
                .query(UUID.class).optional();
    }

    List<MakeupOffer> forClient(UUID clientId, int limit) {
        return load("o.client_id = :client", Map.of("client", clientId), " LIMIT " + limit);
    }

    /**
     * Offers with an open option whose time has come, locked with SKIP LOCKED so several instances share the sweep;
     * the caller expires those options.
     */
    List<UUID> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT o.id FROM makeup_offer o
                WHERE o.status = 'OPEN' AND EXISTS (SELECT 1 FROM makeup_offer_option p
                      WHERE p.offer_id = o.id AND p.status = 'OPEN' AND p.expires_at <= :now)
                ORDER BY o.expires_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
                .param("now", utc(now)).param("limit", limit).query(UUID.class).list();
    }

    void optionStatus(UUID offerId, int number, String status) {
        jdbc.sql("UPDATE makeup_offer_option SET status = :status WHERE offer_id = :id AND number = :n")
                .param("status", status).param("id", offerId).param("n", number).update();
    }

    void linkBooking(UUID offerId, int number, UUID sessionId, UUID bookingId) {
        jdbc.sql("""
                UPDATE makeup_offer_session SET booking_id = :booking
                WHERE offer_id = :id AND number = :n AND session_id = :s""")
                .param("booking", bookingId).param("id", offerId).param("n", number).param("s", sessionId).update();
    }

    /** The other open options close when one is booked. */
    void closeOpenOptions(UUID offerId) {
        jdbc.sql("UPDATE makeup_offer_option SET status = 'CLOSED' WHERE offer_id = :id AND status = 'OPEN'")
                .param("id", offerId).update();
    }

    void offerStatus(UUID offerId, String status, Integer acceptedOption) {
        jdbc.sql("""
                UPDATE makeup_offer SET status = :status, accepted_option = :option, updated_at = now()
                WHERE id = :id""")
                .param("status", status).param("option", acceptedOption).param("id", offerId).update();
    }

    boolean hasOpen(UUID clientId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM makeup_offer WHERE client_id = :c AND status = 'OPEN')")
                .param("c", clientId).query(Boolean.class).single();
    }

    boolean automaticOfferSent(UUID clientId, LocalDate weekStart) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM makeup_automatic_offer WHERE client_id = :c AND week_start = :w)")
                .param("c", clientId).param("w", weekStart).query(Boolean.class).single();
    }

    /** The client-week's one automatic offer; a second for the same week fails on the primary key. */
    void recordAutomatic(UUID clientId, LocalDate weekStart, UUID offerId) {
        jdbc.sql("INSERT INTO makeup_automatic_offer (client_id, week_start, offer_id) VALUES (:c, :w, :o)")
                .param("c", clientId).param("w", weekStart).param("o", offerId).update();
    }

    /** Closes every open option and the offer as withdrawn by staff. */
    void withdraw(UUID offerId, String by) {
        jdbc.sql("UPDATE makeup_offer_option SET status = 'WITHDRAWN' WHERE offer_id = :id AND status = 'OPEN'")
                .param("id", offerId).update();
        jdbc.sql("""
                UPDATE makeup_offer SET status = 'WITHDRAWN', withdrawn_by = :by, updated_at = now()
                WHERE id = :id""").param("by", by).param("id", offerId).update();
    }

    private List<MakeupOffer> load(String where, Map<String, ?> params, String limit) {
        List<OfferRow> offers = jdbc.sql("""
                SELECT o.id, o.client_id, o.program_id, o.week_start, o.status, o.expires_at, o.accepted_option,
                       o.offered_by, o.created_at
                FROM makeup_offer o WHERE """ + " " + where + " ORDER BY o.created_at DESC, o.id" + limit)
                .params(params).query(OfferRepository::offerRow).list();
        if (offers.isEmpty()) {
            return List.of();
        }
        UUID[] ids = offers.stream().map(OfferRow::id).toArray(UUID[]::new);
        record SessionRow(UUID offerId, int number, String status, Instant expiresAt, int minutes,
                MakeupOffer.OfferedSession session) {
        }
        List<SessionRow> rows = jdbc.sql("""
                SELECT p.offer_id, p.number, p.status, p.expires_at, p.minutes, x.session_id, x.booking_id,
                       x.starts_at, x.ends_at
                FROM makeup_offer_option p
                JOIN makeup_offer_session x ON x.offer_id = p.offer_id AND x.number = p.number
                WHERE p.offer_id = ANY(:ids) ORDER BY p.offer_id, p.number, x.starts_at""")
                .param("ids", ids)
                .query((rs, n) -> new SessionRow(rs.getObject("offer_id", UUID.class), rs.getInt("number"),
                        rs.getString("status"), instant(rs, "expires_at"), rs.getInt("minutes"),
                        new MakeupOffer.OfferedSession(rs.getObject("session_id", UUID.class),
                                instant(rs, "starts_at"), instant(rs, "ends_at"),
                                rs.getObject("booking_id", UUID.class))))
                .list();
        List<MakeupOffer> result = new ArrayList<>();
        for (OfferRow o : offers) {
            Map<Integer, List<SessionRow>> byOption = new LinkedHashMap<>();
            rows.stream().filter(r -> r.offerId().equals(o.id()))
                    .forEach(r -> byOption.computeIfAbsent(r.number(), k -> new ArrayList<>()).add(r));
            List<MakeupOffer.OfferedOption> options = byOption.values().stream().map(list -> {
                SessionRow first = list.get(0);
                return new MakeupOffer.OfferedOption(first.number(), first.status(), first.expiresAt(),
                        first.minutes(), list.stream().map(SessionRow::session).toList());
            }).toList();
            result.add(new MakeupOffer(o.id(), o.clientId(), o.programId(), o.weekStart(), o.status(), o.expiresAt(),
                    o.acceptedOption(), o.offeredBy(), o.createdAt(), options));
        }
        return result;
    }

    private record OfferRow(UUID id, UUID clientId, UUID programId, LocalDate weekStart, String status,
            Instant expiresAt, Integer acceptedOption, String offeredBy, Instant createdAt) {
    }

    private static OfferRow offerRow(ResultSet rs, int n) throws SQLException {
        return new OfferRow(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("program_id", UUID.class), rs.getObject("week_start", LocalDate.class),
                rs.getString("status"), instant(rs, "expires_at"), (Integer) rs.getObject("accepted_option"),
                rs.getString("offered_by"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
