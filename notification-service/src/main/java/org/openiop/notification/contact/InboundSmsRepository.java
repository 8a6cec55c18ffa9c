package org.openiop.notification.contact;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The provider message ids of inbound SMS already acted on (table {@code inbound_sms}): a replay is refused. */
@Repository
class InboundSmsRepository {

    private final JdbcClient jdbc;

    InboundSmsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code messageSid}; false when it was recorded before (a replay). */
    boolean firstReceipt(String messageSid) {
        return jdbc.sql("INSERT INTO inbound_sms (message_sid) VALUES (:sid) ON CONFLICT DO NOTHING")
                .param("sid", messageSid).update() > 0;
    }
}
