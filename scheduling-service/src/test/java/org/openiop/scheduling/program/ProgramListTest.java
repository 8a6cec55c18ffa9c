package org.openiop.scheduling.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;

import tools.jackson.databind.JsonNode;

/** The program list is paged by name and searchable, never capped: every program can be reached. */
class ProgramListTest extends SchedulingTestBase {

    private static List<String> names(Api.Reply reply) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : reply.body().path("items")) {
            names.add(item.path("name").asString());
        }
        return names;
    }

    @Test
    void searchFindsProgramsByAnyPartOfTheirNameAndPagesWalkThemAll() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = programBody("America/New_York");
            body.put("name", "Site " + i + " IOP " + tag);
            assertThat(admin.post("/api/programs", body).status()).isEqualTo(201);
            created.add("Site " + i + " IOP " + tag);
        }
        Map<String, Object> other = programBody("America/New_York");
        other.put("name", "100%_literal " + tag);
        assertThat(admin.post("/api/programs", other).status()).isEqualTo(201);

        Api.Reply found = staff.get("/api/programs?search=iop%20" + tag.toUpperCase() + "&size=2");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("totalItems").asLong()).isEqualTo(5);
        assertThat(names(found)).containsExactly(created.get(0), created.get(1));
        assertThat(names(staff.get("/api/programs?search=iop%20" + tag + "&size=2&page=2")))
                .containsExactly(created.get(4));
        Api.Reply first = staff.get("/api/programs?search=Site%200%20IOP%20" + tag);
        assertThat(first.body().path("items").get(0).path("blocks")).hasSize(2);

        // LIKE's wildcards in a search are literal characters.
        assertThat(names(staff.get("/api/programs?search=100%25_literal%20" + tag))).containsExactly((String) other.get("name"));
        assertThat(staff.get("/api/programs?search=100%25Xliteral%20" + tag).body().path("totalItems").asLong())
                .isZero();

        // Without a search every program is reachable, page by page.
        long total = staff.get("/api/programs?size=1").body().path("totalItems").asLong();
        List<String> all = new ArrayList<>();
        for (int page = 0; page * 200 < total; page++) {
            all.addAll(names(staff.get("/api/programs?size=200&page=" + page)));
        }
        assertThat(all).hasSize((int) total).containsAll(created);
    }
}
