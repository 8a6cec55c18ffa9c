package org.openiop.notification.contact;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Clients' contact details and preferences, and the numbers that opted out of SMS. */
@Repository
public class ContactRepository {

    private final JdbcClient jdbc;

    public ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Contact contact, Instant at) {
        jdbc.sql("""
                INSERT INTO client_contact (client_id, email, phone, channels, email_consent, sms_consent, quiet_start,
                    quiet_end, language, time_zone, updated_at)
                VALUES (:id, :email, :phone, :channels, :emailConsent, :smsConsent, :quietStart, :quietEnd, :language,
                    :zone, :at)
                ON CONFLICT (client_id) DO UPDATE SET email = excluded.email, phone = excluded.phone,
                    channels = excluded.channels, email_consent = excluded.email_consent,
                    sms_consent = excluded.sms_consent, quiet_start = excluded.quiet_start,
                    quiet_end = excluded.quiet_end, language = excluded.language, time_zone = excluded.time_zone,
                    updated_at = excluded.updated_at""")
                .param("id", contact.clientId()).param("email", contact.email()).param("phone", contact.phone())
                .param("channels", contact.channels().stream().sorted().map(Enum::name).toArray(String[]::new))
                .param("emailConsent", contact.emailConsent()).param("smsConsent", contact.smsConsent())
                .param("quietStart", contact.quietHours() == null ? null : Time.valueOf(contact.quietHours().start()))
                .param("quietEnd", contact.quietHours() == null ? null : Time.valueOf(contact.quietHours().end()))
                .param("language", contact.language().name())
                .param("zone", contact.timeZone() == null ? null : contact.timeZone().getId())
                .param("at", Timestamp.from(at)).update();
    }

    public Optional<Contact> find(String clientId) {
        return jdbc.sql("""
                SELECT c.*, o.phone IS NOT NULL AS opted_out FROM client_contact c
                LEFT JOIN sms_opt_out o ON o.phone = c.phone WHERE c.client_id = :id""")
                .param("id", clientId).query(ContactRepository::row).optional();
    }

    /** Several clients' contacts in one query (a sender's next few messages), by client id; absent ones left out. */
    public Map<String, Contact> findAll(Collection<String> clientIds) {
        Map<String, Contact> found = new HashMap<>();
        if (clientIds.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                SELECT c.*, o.phone IS NOT NULL AS opted_out FROM client_contact c
                LEFT JOIN sms_opt_out o ON o.phone = c.phone WHERE c.client_id = ANY(:ids)""")
                .param("ids", clientIds.stream().distinct().toArray(String[]::new))
                .query(ContactRepository::row).list().forEach(c -> found.put(c.clientId(), c));
        return found;
    }

    /** Records a STOP from {@code phone}: SMS consent is withdrawn on every contact using it. */
    public int optOut(String phone, Instant at) {
        jdbc.sql("INSERT INTO sms_opt_out (phone, opted_out_at) VALUES (:phone, :at) ON CONFLICT DO NOTHING")
                .param("phone", phone).param("at", Timestamp.from(at)).update();
        return jdbc.sql("UPDATE client_contact SET sms_consent = false, updated_at = :at WHERE phone = :phone")
                .param("phone", phone).param("at", Timestamp.from(at)).update();
    }

    /** A START from {@code phone} lifts the block; consent itself must be recorded again by staff. */
    public void optBackIn(String phone) {
        jdbc.sql("DELETE FROM sms_opt_out WHERE phone = :phone").param("phone", phone).update();
    }

    public boolean optedOut(String phone) {
        return jdbc.sql("SELECT count(*) FROM sms_opt_out WHERE phone = :phone").param("phone", phone)
                .query(Integer.class).single() > 0;
    }

    private static Contact row(ResultSet rs, int n) throws SQLException {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        strings(rs.getArray("channels")).forEach(c -> channels.add(Channel.valueOf(c)));
        Time quietStart = rs.getTime("quiet_start");
        QuietHours quiet = quietStart == null ? null
                : new QuietHours(quietStart.toLocalTime(), rs.getTime("quiet_end").toLocalTime());
        String zone = rs.getString("time_zone");
        return new Contact(rs.getString("client_id"), rs.getString("email"), rs.getString("phone"), channels,
                rs.getBoolean("email_consent"), rs.getBoolean("sms_consent"), quiet,
                Language.valueOf(rs.getString("language")), zone == null ? null : ZoneId.of(zone),
                rs.getBoolean("opted_out"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
