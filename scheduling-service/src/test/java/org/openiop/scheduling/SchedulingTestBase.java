package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeEach;
import org.openiop.events.serde.AvroEventDeserializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Spring context (real Kafka broker, real PostgreSQL) for every integration test of the module; tests stay apart
 * by creating their own program and clients with fresh ids. Dates are next year, so "in the past" never bites.
 */
@SpringBootTest(classes = SchedulingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SchedulingTestBase {

    protected static final int NEXT_YEAR = LocalDate.now().getYear() + 1;

    @LocalServerPort int port;
    @Autowired protected JdbcClient jdbc;

    protected Api staff;
    protected Api officer;
    protected Api admin;

    @BeforeEach
    void signIn() {
        staff = new Api(port, "staff", "iop-staff");
        officer = new Api(port, "officer", "iop-officer");
        admin = new Api(port, "admin", "iop-admin");
    }

    /** A Monday in next year's February: the following weeks cross the US spring DST change (second Sunday of March). */
    protected static LocalDate februaryMonday() {
        return LocalDate.of(NEXT_YEAR, 2, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
    }

    protected Map<String, Object> programBody(String zone) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Evening IOP " + UUID.randomUUID());
        body.put("timeZone", zone);
        body.put("locationLabel", "Main St office");
        body.put("phone", "+15551230000");
        body.put("defaultGroupCapacity", 10);
        return body;
    }

    protected String createProgram(String zone) {
        Api.Reply reply = admin.post("/api/programs", programBody(zone));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.id();
    }

    protected String enrol(String programId, LocalDate admission) {
        Api.Reply reply = staff.post("/api/programs/" + programId + "/enrolments", Map.of(
                "displayName", "Client " + UUID.randomUUID().toString().substring(0, 6),
                "dateOfBirth", "1990-04-02", "admissionDate", admission.toString()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("clientId");
    }

    protected String groupSession(String programId, LocalDate date, String block, int capacity) {
        Api.Reply reply = staff.post("/api/programs/" + programId + "/sessions", Map.of(
                "type", "GROUP", "date", date.toString(), "block", block, "capacity", capacity, "topic", "CBT"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.id();
    }

    protected Api.Reply book(String sessionId, String clientId) {
        return staff.post("/api/sessions/" + sessionId + "/bookings", Map.of("clientId", clientId));
    }

    /** Events the service appended to its outbox for one key (client or program), decoded, in order. */
    protected List<SpecificRecord> outboxEvents(String key) {
        AvroEventDeserializer decoder = new AvroEventDeserializer();
        return jdbc.sql("SELECT payload FROM outbox WHERE message_key = :k ORDER BY id").param("k", key)
                .query((rs, n) -> decoder.decode(rs.getBytes("payload"))).list();
    }

    protected <T extends SpecificRecord> List<T> outboxEvents(String key, Class<T> type) {
        return outboxEvents(key).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
