package org.openiop.scheduling.makeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;

import tools.jackson.databind.JsonNode;

/**
 * Sibling programs (issue 17): an admin lets a program's clients attend another program; make-up options then search
 * both, and the booking trigger admits the seat. Without the permission (or in the other direction) it still refuses.
 */
class SiblingProgramsTest extends SchedulingTestBase {

    private final LocalDate monday = februaryMonday().plusWeeks(6);

    @Test
    void anAdminsSiblingListOpensMakeupOptionsAndBookingsInTheSiblingOnly() {
        String home = createProgram("America/New_York");
        String sibling = createProgram("America/New_York");
        String client = enrol(home, monday.minusWeeks(2));
        String siblingsClient = enrol(sibling, monday.minusWeeks(2));
        String homeSession = groupSession(home, monday.plusDays(3), "MORNING", 6);
        String siblingSession = groupSession(sibling, monday.plusDays(1), "EVENING", 6);
        String siblingClosed = groupSession(sibling, monday.plusDays(2), "EVENING", 6);
        assertThat(staff.post("/api/programs/" + sibling + "/closures",
                Map.of("firstDay", monday.plusDays(2).toString(), "reason", "Holiday")).status()).isEqualTo(201);

        // before an admin allows it: the database refuses the seat, and the options stay in the client's program
        Api.Reply refused = book(siblingSession, client);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("client-not-in-program");
        assertThat(optionSessions(client)).containsExactly(homeSession);

        assertThat(staff.put("/api/programs/" + home + "/siblings", Map.of("siblingIds", List.of(sibling))).status())
                .isEqualTo(403);
        Api.Reply set = admin.put("/api/programs/" + home + "/siblings", Map.of("siblingIds", List.of(sibling)));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body().path("siblings").get(0).path("id").asString()).isEqualTo(sibling);
        assertThat(officer.get("/api/programs/" + home + "/siblings").body().path("siblings")).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE resource = 'program-siblings' AND detail LIKE :d")
                .param("d", "program " + home + "%").query(Long.class).single()).isEqualTo(1);

        // options now include the sibling's free session (not its closed day), named by program, earliest first
        JsonNode reply = staff.get(options(client)).body();
        assertThat(reply.path("options")).extracting(o -> o.path("sessions").get(0).path("sessionId").asString())
                .containsExactly(siblingSession, homeSession).doesNotContain(siblingClosed);
        JsonNode first = reply.path("options").get(0).path("sessions").get(0);
        assertThat(first.path("programId").asString()).isEqualTo(sibling);
        assertThat(first.path("programName").asString()).startsWith("Evening IOP ");

        // the seat is admitted by the booking trigger; the permission is one-way
        assertThat(book(siblingSession, client).status()).isEqualTo(201);
        Api.Reply reverse = book(homeSession, siblingsClient);
        assertThat(reverse.status()).isEqualTo(422);
        assertThat(reverse.text("code")).isEqualTo("client-not-in-program");

        // withdrawn: refused again
        String later = groupSession(sibling, monday.plusDays(4), "EVENING", 6);
        assertThat(admin.put("/api/programs/" + home + "/siblings", Map.of("siblingIds", List.of())).status())
                .isEqualTo(200);
        assertThat(book(later, client).text("code")).isEqualTo("client-not-in-program");
    }

    @Test
    void aBadSiblingListIsAProblemFieldByFieldAndStoresNothing() {
        String home = createProgram("America/New_York");
        String other = createProgram("America/New_York");
        String unknown = UUID.randomUUID().toString();

        Api.Reply bad = admin.put("/api/programs/" + home + "/siblings", Map.of("siblingIds", List.of(other, home, unknown)));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.errorFields()).containsExactly("siblingIds[1]", "siblingIds[2]");
        Api.Reply missing = admin.put("/api/programs/" + home + "/siblings", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorFields()).containsExactly("siblingIds");
        Api.Reply noProgram = admin.put("/api/programs/" + unknown + "/siblings", Map.of("siblingIds", List.of(other)));
        assertThat(noProgram.status()).isEqualTo(404);
        assertThat(noProgram.errorFields()).containsExactly("programId");
        assertThat(staff.get("/api/programs/" + unknown + "/siblings").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM program_sibling WHERE program_id = CAST(:p AS uuid)")
                .param("p", home).query(Long.class).single()).isZero();
    }

    private String options(String client) {
        return "/api/clients/" + client + "/makeup-options?week=" + monday + "&attendedMinutes=360";
    }

    private List<String> optionSessions(String client) {
        List<String> ids = new java.util.ArrayList<>();
        staff.get(options(client)).body().path("options")
                .forEach(o -> ids.add(o.path("sessions").get(0).path("sessionId").asString()));
        return ids;
    }
}
