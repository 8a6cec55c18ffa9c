package org.openiop.scheduling.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openiop.events.SessionScheduled;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Late entry (issue 19) through the running service and PostgreSQL: a session or booking of something that already
 * happened is entered with a reason, marked with who and when, audited and announced like a live one; without a reason,
 * beyond staff's 14 days, or with a reason for a session still ahead it is refused and nothing is stored. The database
 * itself admits a booking of a started session only when it carries the mark.
 */
class LateEntryTest extends SchedulingTestBase {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private String program;
    private String client;
    private LocalDate today;

    @BeforeEach
    void program() {
        today = LocalDate.now(NEW_YORK);
        program = createProgram(NEW_YORK.getId());
        client = enrol(program, today.minusDays(40));
    }

    @Test
    void aSessionAndABookingThreeDaysLateAreMarkedAuditedAndAnnounced() {
        Api.Reply session = staff.post("/api/programs/" + program + "/sessions",
                session(today.minusDays(3), "Held during the outage"));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        assertThat(session.body().path("lateEntry").path("enteredBy").asString()).isEqualTo("staff");
        assertThat(session.body().path("lateEntry").path("reason").asString()).isEqualTo("Held during the outage");

        Api.Reply booking = staff.post("/api/sessions/" + session.id() + "/bookings",
                Map.of("clientId", client, "lateEntryReason", "Attended, never booked"));
        assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
        assertThat(booking.body().path("lateEntry").path("enteredBy").asString()).isEqualTo("staff");

        SessionScheduled event = outboxEvents(client, SessionScheduled.class).get(0);
        assertThat(event.getLateEntry()).isNotNull();
        assertThat(event.getLateEntry().getEnteredBy()).isEqualTo("staff");
        assertThat(event.getLateEntry().getSessionEnteredLate()).isTrue();
        assertThat(event.toString()).doesNotContain("Attended, never booked").doesNotContain("outage");

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE resource = 'booking' AND :c = ANY(client_ids)"
                + " AND detail LIKE '%late entry: Attended, never booked'").param("c", client)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE resource = 'session' AND detail LIKE :d")
                .param("d", "late entry of session " + session.id() + "%").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void withoutAReasonThePastIsRefusedNamingTheFieldsAndNothingIsStored() {
        long sessionsBefore = count("session");
        Api.Reply refused = staff.post("/api/programs/" + program + "/sessions", session(today.minusDays(3), null));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("session-in-past");
        assertThat(refused.errorFields()).contains("date", "lateEntryReason");
        assertThat(count("session")).isEqualTo(sessionsBefore);

        String past = staff.post("/api/programs/" + program + "/sessions",
                session(today.minusDays(2), "Held during the outage")).id();
        long bookingsBefore = count("booking");
        Api.Reply booking = book(past, client);
        assertThat(booking.status()).isEqualTo(422);
        assertThat(booking.text("code")).isEqualTo("session-in-past");
        assertThat(booking.errorFields()).contains("sessionId", "lateEntryReason");
        assertThat(count("booking")).isEqualTo(bookingsBefore);

        Api.Reply ahead = staff.post("/api/programs/" + program + "/sessions",
                session(today.plusDays(3), "not late at all"));
        assertThat(ahead.status()).isEqualTo(400);
        assertThat(ahead.errorFields()).containsExactly("lateEntryReason");
    }

    @Test
    void fifteenDaysBackIsRefusedForStaffAndAllowedForAnAdministrator() {
        long sessionsBefore = count("session");
        Api.Reply refused = staff.post("/api/programs/" + program + "/sessions",
                session(today.minusDays(15), "Held during the outage"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("late-entry-window-passed");
        assertThat(refused.errorFields()).containsExactly("date");
        assertThat(count("session")).isEqualTo(sessionsBefore);

        Api.Reply allowed = admin.post("/api/programs/" + program + "/sessions",
                session(today.minusDays(15), "Held during the outage"));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(201);
        Api.Reply staffBooking = staff.post("/api/sessions/" + allowed.id() + "/bookings",
                Map.of("clientId", client, "lateEntryReason", "Attended"));
        assertThat(staffBooking.status()).isEqualTo(422);
        assertThat(staffBooking.errorFields()).containsExactly("sessionId");
        Api.Reply adminBooking = admin.post("/api/sessions/" + allowed.id() + "/bookings",
                Map.of("clientId", client, "lateEntryReason", "Attended"));
        assertThat(adminBooking.status()).as(adminBooking.toString()).isEqualTo(201);
        assertThat(adminBooking.body().path("lateEntry").path("enteredBy").asString()).isEqualTo("admin");
    }

    @Test
    void theDatabaseAdmitsABookingOfAStartedSessionOnlyWithItsLateEntryMark() {
        String past = staff.post("/api/programs/" + program + "/sessions",
                session(today.minusDays(1), "Held during the outage")).id();
        assertThatThrownBy(() -> jdbc.sql("INSERT INTO booking (id, session_id, client_id) VALUES (:id, :s, :c)")
                .param("id", UUID.randomUUID()).param("s", UUID.fromString(past))
                .param("c", UUID.fromString(client)).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(constraint(e)).isEqualTo("booking_not_in_past"));
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO booking (id, session_id, client_id, late_entry_reason) VALUES (:id, :s, :c, 'why')""")
                .param("id", UUID.randomUUID()).param("s", UUID.fromString(past))
                .param("c", UUID.fromString(client)).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .satisfies(e -> assertThat(constraint(e)).isEqualTo("booking_late_entry_complete"));
        assertThat(jdbc.sql("""
                INSERT INTO booking (id, session_id, client_id, late_entry_reason, late_entered_by, late_entered_at)
                VALUES (:id, :s, :c, 'why', 'staff', now())""")
                .param("id", UUID.randomUUID()).param("s", UUID.fromString(past))
                .param("c", UUID.fromString(client)).update()).isEqualTo(1);
    }

    /** The constraint PostgreSQL named in its refusal. */
    private static String constraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getConstraint();
            }
        }
        return null;
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Map<String, Object> session(LocalDate date, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "GROUP", "date", date.toString(), "block", "MORNING",
                "capacity", 8));
        if (reason != null) {
            body.put("lateEntryReason", reason);
        }
        return body;
    }
}
