package org.openiop.scheduling.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.events.SessionModality;
import org.openiop.events.SessionScheduled;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A session's modality and join link: validated field by field, kept out of events, opened by the join code. */
class TelehealthSessionTest extends SchedulingTestBase {

    private static final String MEETING = "https://us02web.zoom.us/j/85746065432?pwd=Zk1ab2Cd3Ef4";

    @Autowired JoinKeys keys;
    @LocalServerPort int serverPort;

    Map<String, Object> session(LocalDate date, String modality, String joinUrl) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "GROUP", "date", date.toString(), "block",
                "MORNING", "capacity", 8));
        if (modality != null) {
            body.put("modality", modality);
        }
        if (joinUrl != null) {
            body.put("joinUrl", joinUrl);
        }
        return body;
    }

    long sessions(String programId) {
        return jdbc.sql("SELECT count(*) FROM session WHERE program_id = CAST(:p AS uuid)").param("p", programId)
                .query(Long.class).single();
    }

    Api.Reply anonymous(String path) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + serverPort + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? Api.JSON.missingNode() : Api.JSON.readTree(r.body());
            return new Api.Reply(r.statusCode(), body, r.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVideoSessionNeedsAnHttpsLinkAndAnInPersonOneHasNoneNothingStoredOnRefusal() {
        String programId = createProgram("America/New_York");
        LocalDate day = februaryMonday();
        for (Map<String, Object> bad : List.of(session(day, "TELEHEALTH", null),
                session(day, "HYBRID", "http://zoom.us/j/1"), session(day, "TELEHEALTH", "not a link"),
                session(day, "IN_PERSON", MEETING), session(day, null, MEETING))) {
            Api.Reply reply = staff.post("/api/programs/" + programId + "/sessions", bad);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.errorFields()).containsExactly("joinUrl");
        }
        Api.Reply unknown = staff.post("/api/programs/" + programId + "/sessions", session(day, "ON_THE_MOON",
                MEETING));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(sessions(programId)).isZero();
    }

    @Test
    void theModalityTravelsInTheEventAndTheLinkNeverDoes() {
        String programId = createProgram("America/New_York");
        LocalDate day = februaryMonday();
        Api.Reply created = staff.post("/api/programs/" + programId + "/sessions", session(day, "TELEHEALTH",
                MEETING));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("modality")).isEqualTo("TELEHEALTH");
        assertThat(created.body().toString()).doesNotContain("zoom.us");
        assertThat(staff.get("/api/sessions/" + created.id()).body().toString()).doesNotContain("zoom.us");
        Api.Reply inPerson = staff.post("/api/programs/" + programId + "/sessions", session(day, null, null));
        assertThat(inPerson.text("modality")).isEqualTo("IN_PERSON");

        String clientId = enrol(programId, day.minusDays(7));
        assertThat(book(created.id(), clientId).status()).isEqualTo(201);
        List<SessionScheduled> events = outboxEvents(clientId, SessionScheduled.class);
        assertThat(events).singleElement().extracting(SessionScheduled::getModality)
                .isEqualTo(SessionModality.TELEHEALTH);
        String payloads = jdbc.sql("SELECT string_agg(encode(payload, 'escape'), '') FROM outbox WHERE message_key = :k")
                .param("k", clientId).query(String.class).single();
        assertThat(payloads).doesNotContain("zoom.us").doesNotContain("85746065432");

        Api.Reply link = staff.get("/api/sessions/" + created.id() + "/join-link");
        assertThat(link.text("joinUrl")).isEqualTo(MEETING);
        assertThat(officer.get("/api/sessions/" + created.id() + "/join-link").status()).isEqualTo(403);
    }

    @Test
    void theJoinCodeOpensTheMeetingOnlyInsideTheWindowWithTheClientsTagAsDisplayName() {
        // a zone where it is daytime now, so a session can start in ten minutes on today's date
        ZoneId zone = List.of("America/New_York", "Asia/Tokyo", "Europe/London", "Pacific/Honolulu").stream()
                .map(ZoneId::of).filter(z -> {
                    int hour = ZonedDateTime.now(z).getHour();
                    return hour >= 1 && hour <= 21;
                }).findFirst().orElseThrow();
        String programId = createProgram(zone.getId());
        ZonedDateTime soon = ZonedDateTime.now(zone).plusMinutes(10).truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = soon.toLocalTime();
        Api.Reply now = staff.post("/api/programs/" + programId + "/sessions", Map.of("type", "INDIVIDUAL",
                "date", soon.toLocalDate().toString(), "startTime", start.toString(), "endTime",
                start.plusMinutes(50).toString(), "modality", "TELEHEALTH", "joinUrl", MEETING));
        assertThat(now.status()).as(now.toString()).isEqualTo(201);
        Api.Reply later = staff.post("/api/programs/" + programId + "/sessions", session(februaryMonday(), "HYBRID",
                MEETING));
        String clientId = enrol(programId, soon.toLocalDate().minusDays(1));
        String bookingNow = book(now.id(), clientId).id();
        String bookingLater = book(later.id(), clientId).id();
        String code = keys.code(UUID.fromString(bookingNow));

        Api.Reply open = anonymous("/api/telehealth/join/" + code);
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        String tag = keys.tag(UUID.fromString(bookingNow));
        assertThat(open.text("url")).startsWith("https://us02web.zoom.us/j/85746065432?").contains("pwd=Zk1ab2Cd3Ef4")
                .contains("uname=" + tag);
        assertThat(open.text("tag")).isEqualTo(tag).hasSize(8);

        Api.Reply notYet = anonymous("/api/telehealth/join/" + keys.code(UUID.fromString(bookingLater)));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.text("code")).isEqualTo("join-not-open");

        char last = code.charAt(20);
        String tampered = code.substring(0, 20) + (last == 'A' ? 'B' : 'A') + code.substring(21);
        assertThat(anonymous("/api/telehealth/join/" + tampered).status()).isEqualTo(404);
        assertThat(anonymous("/api/telehealth/join/" + keys.code(UUID.randomUUID())).status()).isEqualTo(404);
        assertThat(staff.post("/api/bookings/" + bookingNow + "/cancel", Map.of()).status()).isEqualTo(200);
        assertThat(anonymous("/api/telehealth/join/" + code).status()).isEqualTo(404);
        assertThat(new String(code.getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII)).hasSize(35);
    }

    @Test
    void aSessionMovesOnlineAndBackEachSeatAnnouncedAgainWithTheSameTimes() {
        String programId = createProgram("America/New_York");
        LocalDate day = februaryMonday();
        Api.Reply created = staff.post("/api/programs/" + programId + "/sessions", session(day, null, null));
        String sessionId = created.id();
        String clientId = enrol(programId, day.minusDays(7));
        assertThat(book(sessionId, clientId).status()).isEqualTo(201);
        String path = "/api/sessions/" + sessionId + "/modality";

        // refused field by field, nothing changed: no link for a video session, a link for an in-person one, no modality
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("modality", "TELEHEALTH"),
                Map.<String, Object>of("modality", "IN_PERSON", "joinUrl", MEETING),
                Map.<String, Object>of("modality", "HYBRID", "joinUrl", "http://zoom.us/j/1"))) {
            Api.Reply reply = staff.put(path, bad);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.errorFields()).containsExactly("joinUrl");
        }
        assertThat(staff.put(path, Map.of("joinUrl", MEETING)).errorFields()).containsExactly("modality");
        assertThat(officer.put(path, Map.of("modality", "TELEHEALTH", "joinUrl", MEETING)).status()).isEqualTo(403);
        assertThat(staff.put("/api/sessions/" + UUID.randomUUID() + "/modality",
                Map.of("modality", "TELEHEALTH", "joinUrl", MEETING)).status()).isEqualTo(404);
        assertThat(outboxEvents(clientId, SessionScheduled.class)).hasSize(1);
        assertThat(staff.get(path.replace("/modality", "/join-link")).body().hasNonNull("joinUrl")).isFalse();

        Api.Reply online = staff.put(path, Map.of("modality", "TELEHEALTH", "joinUrl", MEETING));
        assertThat(online.status()).as(online.toString()).isEqualTo(200);
        assertThat(online.text("modality")).isEqualTo("TELEHEALTH");
        assertThat(staff.get(path.replace("/modality", "/join-link")).text("joinUrl")).isEqualTo(MEETING);
        List<SessionScheduled> events = outboxEvents(clientId, SessionScheduled.class);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).getModality()).isEqualTo(SessionModality.TELEHEALTH);
        assertThat(events.get(1).getStartsAt()).isEqualTo(events.get(0).getStartsAt());
        assertThat(events.get(1).getBookingId()).isEqualTo(events.get(0).getBookingId());

        // the same again changes nothing and announces nothing; a new link alone is not an event either
        assertThat(staff.put(path, Map.of("modality", "TELEHEALTH", "joinUrl", MEETING)).status()).isEqualTo(200);
        String other = "https://us02web.zoom.us/j/99911122233";
        assertThat(staff.put(path, Map.of("modality", "TELEHEALTH", "joinUrl", other)).status()).isEqualTo(200);
        assertThat(staff.get(path.replace("/modality", "/join-link")).text("joinUrl")).isEqualTo(other);
        assertThat(outboxEvents(clientId, SessionScheduled.class)).hasSize(2);
        String payloads = jdbc.sql("SELECT string_agg(encode(payload, 'escape'), '') FROM outbox WHERE message_key = :k")
                .param("k", clientId).query(String.class).single();
        assertThat(payloads).doesNotContain("zoom.us");

        Api.Reply back = staff.put(path, Map.of("modality", "IN_PERSON"));
        assertThat(back.text("modality")).isEqualTo("IN_PERSON");
        assertThat(staff.get(path.replace("/modality", "/join-link")).body().hasNonNull("joinUrl")).isFalse();
        assertThat(outboxEvents(clientId, SessionScheduled.class)).extracting(SessionScheduled::getModality)
                .containsExactly(SessionModality.IN_PERSON, SessionModality.TELEHEALTH, SessionModality.IN_PERSON);

        assertThat(staff.post("/api/sessions/" + sessionId + "/cancel", Map.of("reason", "OTHER")).status())
                .isEqualTo(200);
        Api.Reply cancelled = staff.put(path, Map.of("modality", "TELEHEALTH", "joinUrl", MEETING));
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.text("code")).isEqualTo("session-cancelled");
    }

    @Test
    void aTelehealthSeriesOpensVideoSessionsAndJoinsOnlyGroupsHeldTheSameWay() {
        String programId = createProgram("America/New_York");
        LocalDate monday = februaryMonday();
        String clientId = enrol(programId, monday.minusDays(7));
        // an in-person evening group already on the first Monday: the video series must not put the client into it
        Api.Reply room = staff.post("/api/programs/" + programId + "/sessions", Map.of("type", "GROUP",
                "date", monday.toString(), "block", "EVENING", "capacity", 8));
        Map<String, Object> series = new HashMap<>(Map.of("clientId", clientId, "type", "GROUP", "block", "EVENING",
                "startDate", monday.toString(), "daysOfWeek", List.of("MONDAY", "WEDNESDAY"), "weeks", 2,
                "modality", "TELEHEALTH"));
        Api.Reply noLink = staff.post("/api/programs/" + programId + "/series", series);
        assertThat(noLink.status()).as(noLink.toString()).isEqualTo(400);
        assertThat(noLink.errorFields()).containsExactly("joinUrl");
        assertThat(jdbc.sql("SELECT count(*) FROM series WHERE client_id = CAST(:c AS uuid)").param("c", clientId)
                .query(Long.class).single()).isZero();

        series.put("joinUrl", MEETING);
        Api.Reply created = staff.post("/api/programs/" + programId + "/series", series);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        List<String> sessionIds = new java.util.ArrayList<>();
        created.body().path("occurrences").forEach(o -> sessionIds.add(o.path("sessionId").asString()));
        assertThat(sessionIds).hasSize(4).doesNotContain(room.id());
        for (String sessionId : sessionIds) {
            assertThat(staff.get("/api/sessions/" + sessionId).text("modality")).isEqualTo("TELEHEALTH");
            assertThat(staff.get("/api/sessions/" + sessionId + "/join-link").text("joinUrl")).isEqualTo(MEETING);
        }
        assertThat(outboxEvents(clientId, SessionScheduled.class)).hasSize(4)
                .allMatch(e -> e.getModality() == SessionModality.TELEHEALTH);

        // a second client's video series joins those video groups
        String other = enrol(programId, monday.minusDays(7));
        series.put("clientId", other);
        Api.Reply joined = staff.post("/api/programs/" + programId + "/series", series);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        List<String> joinedIds = new java.util.ArrayList<>();
        joined.body().path("occurrences").forEach(o -> joinedIds.add(o.path("sessionId").asString()));
        assertThat(joinedIds).containsExactlyElementsOf(sessionIds);
    }
}
