package org.openiop.scheduling.waitlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.test.context.TestPropertySource;

/** Its own context: holds of three seconds, swept every 200 ms, so a hold really runs out. */
@TestPropertySource(properties = {"scheduling.waitlist.hold=3s", "scheduling.waitlist.sweep-every=200ms"})
class WaitlistHoldExpiryTest extends SchedulingTestBase {

    @Test
    void aCancelledSeatGoesToTheFirstWaitingClientExpiresAfterItsHoldThenGoesToTheSecond() {
        LocalDate day = februaryMonday().plusWeeks(3);
        String program = createProgram("Europe/Berlin");
        String session = groupSession(program, day, "MORNING", 1);
        String booking = book(session, enrol(program, day.minusWeeks(1))).id();
        String first = staff.post("/api/sessions/" + session + "/waitlist",
                Map.of("clientId", enrol(program, day.minusWeeks(1)))).id();
        String secondClient = enrol(program, day.minusWeeks(1));
        String second = staff.post("/api/sessions/" + session + "/waitlist", Map.of("clientId", secondClient)).id();

        assertThat(staff.post("/api/bookings/" + booking + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(status(first)).isEqualTo("HELD");
        assertThat(status(second)).isEqualTo("WAITING");

        await().atMost(Duration.ofSeconds(30)).until(() -> "EXPIRED".equals(status(first)));
        assertThat(status(second)).isEqualTo("HELD");
        assertThat(staff.post("/api/waitlist/" + first + "/accept", Map.of()).text("code"))
                .isEqualTo("waitlist-entry-closed");
        assertThat(staff.get("/api/waitlist/" + first).body().path("history"))
                .extracting(h -> h.path("actor").asString() + ":" + h.path("status").asString())
                .containsExactly("staff:WAITING", "system:HELD", "system:EXPIRED");

        var accepted = staff.post("/api/waitlist/" + second + "/accept", Map.of());
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.text("clientId")).isEqualTo(secondClient);
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(1);
    }

    private String status(String entry) {
        return staff.get("/api/waitlist/" + entry).text("status");
    }
}
