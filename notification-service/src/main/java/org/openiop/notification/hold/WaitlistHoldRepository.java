package org.openiop.notification.hold;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** notification-service's copy of the seats held for each client (V40_1__waitlist_holds.sql). */
@Repository
class WaitlistHoldRepository {

    private final JdbcClient jdbc;

    WaitlistHoldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(HeldSeat e) {
        jdbc.sql("""
                INSERT INTO waitlist_hold (entry_id, client_id, program_id, time_zone, starts_at, ends_at, held_until,
                    created_at)
                VALUES (:id, :client, :program, :zone, :start, :end, :until, :created) ON CONFLICT DO NOTHING""")
                .param("id", e.entryId()).param("client", e.clientId()).param("program", e.programId())
                .param("zone", e.timeZone()).param("start", Timestamp.from(e.sessionStartsAt()))
                .param("end", Timestamp.from(e.sessionEndsAt())).param("until", Timestamp.from(e.heldUntil()))
                .param("created", Timestamp.from(e.occurredAt())).update();
    }

    record Row(String entryId, String clientId, String programId, String status, Instant heldUntil) {
    }

    Optional<Row> lock(String entryId) {
        return jdbc.sql("""
                SELECT entry_id, client_id, program_id, status, held_until FROM waitlist_hold
                WHERE entry_id = :id FOR UPDATE""").param("id", entryId)
                .query((rs, n) -> new Row(rs.getString("entry_id"), rs.getString("client_id"),
                        rs.getString("program_id"), rs.getString("status"),
                        rs.getTimestamp("held_until").toInstant()))
                .optional();
    }

    void status(String entryId, String status, String answer) {
        jdbc.sql("UPDATE waitlist_hold SET status = :status, answer = :answer, updated_at = now() WHERE entry_id = :id")
                .param("status", status).param("answer", answer).param("id", entryId).update();
    }

    /**
     * Holds still open or pending, and those that ended since {@code endedSince} (the page shows the outcome);
     * {@code placeOf} gives a program's neutral location label.
     */
    List<ClientHold> forClient(String clientId, ZoneId ownZone, Instant endedSince,
            Function<String, String> placeOf) {
        return jdbc.sql("""
                SELECT entry_id, status, answer, program_id, time_zone, starts_at, ends_at, held_until
                FROM waitlist_hold
                WHERE client_id = :client AND (status IN ('HELD','PENDING') OR updated_at >= :since)
                ORDER BY created_at DESC LIMIT 5""")
                .param("client", clientId).param("since", Timestamp.from(endedSince))
                .query((rs, n) -> {
                    ZoneId zone = ownZone != null ? ownZone : ZoneId.of(rs.getString("time_zone"));
                    ZonedDateTime start = rs.getTimestamp("starts_at").toInstant().atZone(zone);
                    ZonedDateTime end = rs.getTimestamp("ends_at").toInstant().atZone(zone);
                    ZonedDateTime until = rs.getTimestamp("held_until").toInstant().atZone(zone);
                    return new ClientHold(rs.getString("entry_id"), rs.getString("status"), rs.getString("answer"),
                            start.toLocalDate(), start.toLocalTime(), end.toLocalTime(), start.toInstant(),
                            until.toInstant(), until.toLocalDate(), until.toLocalTime(), zone.getId(),
                            placeOf.apply(rs.getString("program_id")));
                })
                .list();
    }
}
