package org.openiop.notification.program;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which program each client belongs to, and since when they are discharged (table {@code enrolment}). */
@Repository
public class EnrolmentRepository {

    private final JdbcClient jdbc;

    EnrolmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the newest enrolment of a client: a late, older event does not overwrite a newer one. */
    void save(String clientId, String programId, LocalDate dischargedOn, Instant at) {
        jdbc.sql("""
                INSERT INTO enrolment (client_id, program_id, discharged_on, updated_at)
                VALUES (:client, :program, :discharged, :at)
                ON CONFLICT (client_id) DO UPDATE SET program_id = excluded.program_id,
                    discharged_on = excluded.discharged_on, updated_at = excluded.updated_at
                WHERE enrolment.updated_at <= excluded.updated_at""")
                .param("client", clientId).param("program", programId).param("discharged", dischargedOn)
                .param("at", Timestamp.from(at)).update();
    }

    /** The discharge day of those of these clients who are discharged, in one query (a sender's next few messages). */
    public Map<String, LocalDate> dischargedOn(Collection<String> clientIds) {
        Map<String, LocalDate> discharged = new HashMap<>();
        if (clientIds.isEmpty()) {
            return discharged;
        }
        jdbc.sql("""
                SELECT client_id, discharged_on FROM enrolment
                WHERE client_id = ANY(:clients) AND discharged_on IS NOT NULL""")
                .param("clients", clientIds.stream().distinct().toArray(String[]::new))
                .query((rs, n) -> discharged.put(rs.getString("client_id"),
                        rs.getObject("discharged_on", LocalDate.class)))
                .list();
        return discharged;
    }
}
