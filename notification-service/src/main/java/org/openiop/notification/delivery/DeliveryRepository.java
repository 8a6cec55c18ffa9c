package org.openiop.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.notification.contact.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable dispatch queue in PostgreSQL, which is also the delivery log. Workers of any number of instances claim
 * due rows with {@code FOR UPDATE SKIP LOCKED} and hold them for a lease; a row whose worker died is claimed again when
 * its lease runs out. The unique constraint on (reference, kind, channel, occasion) is what makes a message go out at
 * most once whatever the redeliveries.
 */
@Repository
public class DeliveryRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            reference, kind, channel, occasion, audience, client_id, program_id, booking_id, recipient,
            session_starts_at, session_ends_at, time_zone, calendar_sequence, details, due_at, status, next_attempt_at""";
    private static final String VALUES = """
            :reference, :kind, :channel, :occasion, :audience, :clientId, :programId, :bookingId, :recipient,
            :startsAt, :endsAt, :zone, :sequence, CAST(:details AS jsonb), :due, 'PLANNED', :due""";

    private static final String SKIPPED_VALUES = VALUES.replace("'PLANNED'", "'SKIPPED'") + ", :reason";

    private final JdbcClient jdbc;

    public DeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Plans a reminder or confirmation, or re-times it if it is still waiting (or was dropped or skipped and is wanted
     * again while its time is still ahead: consent returned). One that was sent or failed stays as it is.
     */
    public void plan(NewDelivery d, Instant now) {
        bind(jdbc.sql("INSERT INTO delivery (" + COLUMNS + ") VALUES (" + VALUES + """
                ) ON CONFLICT ON CONSTRAINT delivery_once_per_booking_kind_channel DO UPDATE
                SET due_at = excluded.due_at, next_attempt_at = excluded.next_attempt_at, status = 'PLANNED',
                    session_ends_at = excluded.session_ends_at, time_zone = excluded.time_zone,
                    calendar_sequence = excluded.calendar_sequence, detail = NULL, updated_at = now()
                WHERE delivery.status IN ('PLANNED', 'DROPPED')
                   OR (delivery.status = 'SKIPPED' AND excluded.due_at > :now)"""), d)
                .param("now", Timestamp.from(now)).update();
    }

    /**
     * Records a reminder or confirmation that cannot be sent (opted out, no consent, no address) as SKIPPED with the
     * reason when it is planned, so the log never shows as planned what will not go out. A later {@link #plan}
     * revives it if the reason goes away before its time.
     */
    public void planSkipped(NewDelivery d, String reason) {
        bind(jdbc.sql("INSERT INTO delivery (" + COLUMNS + ", detail) VALUES (" + SKIPPED_VALUES + """
                ) ON CONFLICT ON CONSTRAINT delivery_once_per_booking_kind_channel DO UPDATE
                SET due_at = excluded.due_at, next_attempt_at = excluded.next_attempt_at, status = 'SKIPPED',
                    session_ends_at = excluded.session_ends_at, time_zone = excluded.time_zone,
                    calendar_sequence = excluded.calendar_sequence, detail = excluded.detail, updated_at = now()
                WHERE delivery.status IN ('PLANNED', 'DROPPED', 'SKIPPED')"""), d)
                .param("reason", reason).update();
    }

    /** Queues a one-off message (notice, follow-up, alert) unless it is queued already. */
    public boolean enqueueOnce(NewDelivery d) {
        return bind(jdbc.sql("INSERT INTO delivery (" + COLUMNS + ") VALUES (" + VALUES + """
                ) ON CONFLICT ON CONSTRAINT delivery_once_per_booking_kind_channel DO NOTHING"""), d).update() > 0;
    }

    /** Records a one-off message that cannot be sent as SKIPPED with the reason, unless it is queued already. */
    public boolean enqueueSkipped(NewDelivery d, String reason) {
        return bind(jdbc.sql("INSERT INTO delivery (" + COLUMNS + ", detail) VALUES (" + SKIPPED_VALUES + """
                ) ON CONFLICT ON CONSTRAINT delivery_once_per_booking_kind_channel DO NOTHING"""), d)
                .param("reason", reason).update() > 0;
    }

    /**
     * Drops a booking's waiting reminders and confirmations except those still wanted, given as
     * {@link #key(String, Channel, String) keys}.
     */
    public int dropPlanned(String bookingId, Collection<String> wanted, String reason) {
        return jdbc.sql("""
                UPDATE delivery SET status = 'DROPPED', detail = :reason, updated_at = now()
                WHERE booking_id = :booking AND status = 'PLANNED'
                  AND (kind LIKE 'REMINDER\\_%' OR kind = 'CONFIRMATION')
                  AND NOT ((kind || '/' || channel || '/' || occasion) = ANY(:wanted))""")
                .param("booking", bookingId).param("wanted", wanted.toArray(String[]::new)).param("reason", reason)
                .update();
    }

    public static String key(String kind, Channel channel, String occasion) {
        return kind + "/" + channel.name() + "/" + occasion;
    }

    /** Claims up to {@code limit} due messages for {@code leaseEnd}; other workers skip them meanwhile. */
    public List<Delivery> claim(Instant now, Instant leaseEnd, int limit) {
        return jdbc.sql("""
                UPDATE delivery SET status = 'SENDING', claimed_until = :leaseEnd, attempts = attempts + 1,
                    updated_at = now()
                WHERE id IN (SELECT id FROM delivery
                             WHERE status IN ('PLANNED', 'SENDING') AND next_attempt_at <= :now
                               AND (status = 'PLANNED' OR claimed_until < :now)
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *""")
                .param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(leaseEnd)).param("limit", limit)
                .query(DeliveryRepository::row).list();
    }

    public void sent(long id, String recipient, String providerId, Instant at) {
        finish(id, "SENT", null, providerId, recipient, at);
    }

    public void failed(long id, String reason) {
        finish(id, "FAILED", reason, null, null, null);
    }

    public void skipped(long id, String reason) {
        finish(id, "SKIPPED", reason, null, null, null);
    }

    public void dropped(long id, String reason) {
        finish(id, "DROPPED", reason, null, null, null);
    }

    /** A transient failure: try again at {@code next}. */
    public void retryAt(long id, Instant next, String reason) {
        jdbc.sql("""
                UPDATE delivery SET status = 'PLANNED', next_attempt_at = :next, detail = :reason,
                    claimed_until = NULL, updated_at = now()
                WHERE id = :id AND status = 'SENDING'""")
                .param("id", id).param("next", Timestamp.from(next)).param("reason", reason).update();
    }

    /** Waiting for details not known yet (contact, program): not an attempt. */
    public void waitUntil(long id, Instant next, String reason) {
        jdbc.sql("""
                UPDATE delivery SET status = 'PLANNED', next_attempt_at = :next, detail = :reason,
                    attempts = attempts - 1, claimed_until = NULL, updated_at = now()
                WHERE id = :id AND status = 'SENDING'""")
                .param("id", id).param("next", Timestamp.from(next)).param("reason", reason).update();
    }

    /** Details a message was waiting for have arrived: look again now instead of at the next scheduled look. */
    public int wakeWaiting(String clientId, String programId, Instant now) {
        return jdbc.sql("""
                UPDATE delivery SET next_attempt_at = :now, updated_at = now()
                WHERE status = 'PLANNED' AND detail LIKE 'waiting for%' AND next_attempt_at > :now
                  AND (client_id = :client OR program_id = :program)""")
                .param("client", clientId).param("program", programId).param("now", Timestamp.from(now)).update();
    }

    /** The client of a booking's messages, for a booking known only from its messages (e.g. follow-ups). */
    public Optional<String> clientOfBooking(String bookingId) {
        return jdbc.sql("SELECT client_id FROM delivery WHERE booking_id = :id AND client_id IS NOT NULL LIMIT 1")
                .param("id", bookingId).query(String.class).optional();
    }

    /** The id of the message queued under this key (see {@link #enqueueOnce}). */
    public Optional<Long> idOf(String reference, String kind, Channel channel, String occasion) {
        return jdbc.sql("""
                SELECT id FROM delivery WHERE reference = :reference AND kind = :kind AND channel = :channel
                  AND occasion = :occasion""")
                .param("reference", reference).param("kind", kind).param("channel", channel.name())
                .param("occasion", occasion).query(Long.class).optional();
    }

    public List<Delivery> forBooking(String bookingId) {
        return jdbc.sql("SELECT * FROM delivery WHERE booking_id = :id AND audience = 'CLIENT' ORDER BY due_at, id")
                .param("id", bookingId).query(DeliveryRepository::row).list();
    }

    public List<Delivery> forClient(String clientId, int limit) {
        return jdbc.sql("SELECT * FROM delivery WHERE client_id = :id ORDER BY id DESC LIMIT :limit")
                .param("id", clientId).param("limit", limit).query(DeliveryRepository::row).list();
    }

    private void finish(long id, String status, String reason, String providerId, String recipient, Instant at) {
        jdbc.sql("""
                UPDATE delivery SET status = :status, detail = :reason, provider_id = COALESCE(:provider, provider_id),
                    recipient = COALESCE(:recipient, recipient), sent_at = :at, claimed_until = NULL,
                    updated_at = now()
                WHERE id = :id AND status = 'SENDING'""")
                .param("id", id).param("status", status).param("reason", reason).param("provider", providerId)
                .param("recipient", recipient).param("at", at == null ? null : Timestamp.from(at)).update();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, NewDelivery d) {
        return sql.param("reference", d.reference()).param("kind", d.kind()).param("channel", d.channel().name())
                .param("occasion", d.occasion()).param("audience", d.audience().name())
                .param("clientId", d.clientId()).param("programId", d.programId()).param("bookingId", d.bookingId())
                .param("recipient", d.recipient()).param("startsAt", timestamp(d.sessionStartsAt()))
                .param("endsAt", timestamp(d.sessionEndsAt())).param("zone", d.timeZone())
                .param("sequence", d.calendarSequence()).param("details", JSON.writeValueAsString(d.details()))
                .param("due", Timestamp.from(d.dueAt()));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Delivery row(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("reference"), rs.getString("kind"),
                Channel.valueOf(rs.getString("channel")), rs.getString("occasion"),
                Audience.valueOf(rs.getString("audience")), rs.getString("client_id"), rs.getString("program_id"),
                rs.getString("booking_id"), rs.getString("recipient"), instant(rs, "session_starts_at"),
                instant(rs, "session_ends_at"), rs.getString("time_zone"), rs.getInt("calendar_sequence"),
                JSON.readValue(rs.getString("details"), DETAILS), instant(rs, "due_at"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"), instant(rs, "next_attempt_at"),
                rs.getString("provider_id"), rs.getString("detail"), instant(rs, "sent_at"));
    }
}
