package org.openiop.attendance.telehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.events.SessionModality;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * Zoom's documented webhook deliveries, built as Zoom sends them and signed as Zoom signs them (x-zm-signature v0
 * over the request timestamp and the raw body), posted to the running service: the roster and the week follow.
 */
class ZoomWebhookTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired ZoomFormat zoom;
    @Autowired JoinKeys keys;

    final String programId = newId();
    final String sessionId = newId();
    final LocalDate day = monday(-1).plusDays(1);
    final String meeting = "4444AAAiAAAAAiAiAiiAii" + UUID.randomUUID().toString().substring(0, 6) + "==";

    @BeforeEach
    void program() {
        configureProgram(programId, 60 * 24 * 60);
    }

    SessionScheduled booked(String clientId) {
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, day.minusDays(30)));
        SessionScheduled s = SessionScheduled.newBuilder(TestEvents.scheduled(clientId, programId, newId(),
                sessionId, at(day, 9, 0), at(day, 12, 0))).setModality(SessionModality.HYBRID).build();
        publish(s);
        awaitBooking(s.getBookingId());
        return s;
    }

    String tag(SessionScheduled s) {
        return keys.tag(UUID.fromString(s.getBookingId()));
    }

    /** A participant event as Zoom's meeting.participant_joined / participant_left deliver it. */
    String participant(String event, String participantUuid, String userName, Instant join, Instant leave) {
        Map<String, Object> participant = new LinkedHashMap<>();
        participant.put("user_id", String.valueOf(16778240 + Math.abs(participantUuid.hashCode() % 1000)));
        participant.put("user_name", userName);
        participant.put("id", "");
        participant.put("participant_uuid", participantUuid);
        participant.put("join_time", join.toString());
        if (leave != null) {
            participant.put("leave_time", leave.toString());
            participant.put("leave_reason", "left the meeting");
        }
        participant.put("email", "");
        participant.put("registrant_id", "");
        participant.put("participant_user_id", "");
        return delivery(event, Map.of("account_id", "AAAAAABBBB", "object", object(Map.of("participant",
                participant))));
    }

    String ended(Instant end) {
        return delivery("meeting.ended", Map.of("account_id", "AAAAAABBBB", "object", object(Map.of("end_time",
                end.toString()))));
    }

    Map<String, Object> object(Map<String, Object> extra) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", "85746065432");
        object.put("uuid", meeting);
        object.put("host_id", "z8yCxjabcdEFGHfp8uQ");
        object.put("topic", "Morning");
        object.put("type", 8);
        object.put("start_time", at(day, 8, 50).toString());
        object.put("timezone", TestEvents.ZONE);
        object.put("duration", 180);
        object.putAll(extra);
        return object;
    }

    String delivery(String event, Map<String, Object> payload) {
        return JSON.writeValueAsString(Map.of("event", event, "event_ts", System.currentTimeMillis(), "payload",
                payload));
    }

    Response signedPost(String body) {
        String ts = String.valueOf(Instant.now().getEpochSecond());
        return rawPost(body, ts, zoom.signature(ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    Response rawPost(String body, String ts, String signature) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/telehealth/zoom/webhook")).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (ts != null) {
            r.header("x-zm-request-timestamp", ts);
        }
        if (signature != null) {
            r.header("x-zm-signature", signature);
        }
        try {
            HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode current(SessionScheduled s) {
        return get("/api/bookings/" + s.getBookingId() + "/attendance", "staff").json().get("current");
    }

    long revisions(SessionScheduled s) {
        return jdbc.sql("SELECT count(*) FROM attendance_revision WHERE booking_id = :b")
                .param("b", s.getBookingId()).query(Long.class).single();
    }

    long deliveries() {
        return jdbc.sql("SELECT count(*) FROM telehealth_delivery").query(Long.class).single();
    }

    @Test
    void aLateJoinerWhoDropsForFiveMinutesGetsTheRightMinutesAndTheWeekFollows() {
        SessionScheduled late = booked(newId());
        SessionScheduled twoDevices = booked(newId());
        String lateTag = tag(late);

        assertThat(signedPost(participant("meeting.participant_joined", "p-late-1", "Sam " + lateTag,
                at(day, 9, 10), null)).status()).isEqualTo(200);
        assertThat(signedPost(participant("meeting.participant_left", "p-late-1", "Sam " + lateTag,
                at(day, 9, 10), at(day, 10, 0))).status()).isEqualTo(200);
        // the drop is recorded at once (50 minutes so far), as TELEHEALTH
        assertThat(current(late).get("attendedMinutes").asInt()).isEqualTo(50);
        assertThat(current(late).get("source").asString()).isEqualTo("TELEHEALTH");
        // re-joins on another device (new participant id, same tag) five minutes later
        signedPost(participant("meeting.participant_joined", "p-late-2", "Sam's phone " + lateTag.toLowerCase(),
                at(day, 10, 5), null));
        // the other client: laptop from before the start, phone overlapping, both until the end
        signedPost(participant("meeting.participant_joined", "p-two-1", "Guest " + tag(twoDevices),
                at(day, 8, 55), null));
        signedPost(participant("meeting.participant_joined", "p-two-2", tag(twoDevices), at(day, 9, 30), null));
        assertThat(signedPost(ended(at(day, 12, 0))).status()).isEqualTo(200);

        JsonNode record = current(late);
        assertThat(record.get("attendedMinutes").asInt()).isEqualTo(165);
        assertThat(record.get("checkedInAt").asString()).isEqualTo(at(day, 9, 10).toString());
        assertThat(record.get("checkedOutAt").asString()).isEqualTo(at(day, 12, 0).toString());
        assertThat(record.get("recordedBy").asString()).isEqualTo("telehealth:zoom");
        assertThat(current(twoDevices).get("attendedMinutes").asInt()).isEqualTo(180);

        JsonNode week = awaitWeek(programId, monday(-1), late.getClientId(),
                c -> c.get("attendedMinutes").asInt() == 165);
        assertThat(week.get("attendedMinutes").asInt()).isEqualTo(165);
        awaitWeek(programId, monday(-1), twoDevices.getClientId(), c -> c.get("attendedMinutes").asInt() == 180);

        // the evidence marks the service as telehealth (POS 10, modifier 95), per day and in the CSV; FHIR: virtual
        String range = "?from=" + day + "&to=" + day;
        JsonNode evidence = get("/api/clients/" + late.getClientId() + "/evidence" + range, "officer").json();
        JsonNode service = evidence.get("telehealth").get(0);
        assertThat(service.get("bookingId").asString()).isEqualTo(late.getBookingId());
        assertThat(service.get("date").asString()).isEqualTo(day.toString());
        assertThat(service.get("placeOfService").asString()).isEqualTo("10");
        assertThat(service.get("modifier").asString()).isEqualTo("95");
        assertThat(get("/api/clients/" + late.getClientId() + "/evidence/csv" + range, "officer").body())
                .contains("TELEHEALTH," + late.getClientId()).contains("place of service 10, modifier 95");
        JsonNode encounter = get("/api/fhir/r4/Encounter/" + late.getBookingId(), "officer").json();
        assertThat(encounter.get("class").get("code").asString()).isEqualTo("VR");
        assertThat(encounter.get("length").get("value").asInt()).isEqualTo(165);
    }

    /** scheduling re-announces every seat when a session changes modality; seats' events arrive in any order. */
    @Test
    void aSessionMovedBackToTheRoomIsNoLongerATelehealthServiceWhateverOrderItsSeatsArriveIn() {
        String clientId = newId();
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, day.minusDays(30)));
        SessionScheduled video = SessionScheduled.newBuilder(TestEvents.scheduled(clientId, programId, newId(),
                sessionId, at(day, 9, 0), at(day, 12, 0))).setModality(SessionModality.TELEHEALTH)
                .setOccurredAt(Instant.now().minusSeconds(600)).build();
        publish(video);
        awaitBooking(video.getBookingId());
        post("/api/bookings/" + video.getBookingId() + "/attendance", "staff", Map.of("checkedInAt",
                at(day, 9, 0).toString(), "checkedOutAt", at(day, 12, 0).toString()));
        String range = "?from=" + day + "&to=" + day;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/api/clients/" + clientId
                + "/evidence" + range, "officer").json().get("telehealth")).hasSize(1));

        // another seat of the session announced in person (newer), then a stale video announcement of a third seat
        SessionScheduled inPerson = seat(SessionModality.IN_PERSON, Instant.now());
        SessionScheduled stale = seat(SessionModality.TELEHEALTH, Instant.now().minusSeconds(300));
        assertThat(get("/api/clients/" + clientId + "/evidence" + range, "officer").json().get("telehealth"))
                .as("in person since " + inPerson.getOccurredAt() + ", not brought back by " + stale.getOccurredAt())
                .isEmpty();
        assertThat(get("/api/fhir/r4/Encounter/" + video.getBookingId(), "officer").json().get("class").get("code")
                .asString()).isEqualTo("AMB");
    }

    private SessionScheduled seat(SessionModality modality, Instant occurredAt) {
        String clientId = newId();
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, day.minusDays(30)));
        SessionScheduled s = SessionScheduled.newBuilder(TestEvents.scheduled(clientId, programId, newId(),
                sessionId, at(day, 9, 0), at(day, 12, 0))).setModality(modality).setOccurredAt(occurredAt).build();
        publish(s);
        awaitBooking(s.getBookingId());
        return s;
    }

    @Test
    void aStaffRecordInAHybridSessionWithoutVideoIsAnInPersonService() {
        SessionScheduled s = booked(newId());
        post("/api/bookings/" + s.getBookingId() + "/attendance", "staff", Map.of("checkedInAt",
                at(day, 9, 0).toString(), "checkedOutAt", at(day, 12, 0).toString()));
        JsonNode encounter = get("/api/fhir/r4/Encounter/" + s.getBookingId(), "officer").json();
        assertThat(encounter.get("class").get("code").asString()).isEqualTo("AMB");
        awaitWeek(programId, monday(-1), s.getClientId(), c -> c.get("attendedMinutes").asInt() == 180);
        assertThat(get("/api/clients/" + s.getClientId() + "/evidence?from=" + day + "&to=" + day, "officer")
                .json().get("telehealth")).isEmpty();
    }

    @Test
    void aReplayedOrBadlySignedOrStaleDeliveryChangesNothing() {
        SessionScheduled s = booked(newId());
        String joined = participant("meeting.participant_joined", "p-r-1", "Guest " + tag(s), at(day, 9, 0), null);
        String left = participant("meeting.participant_left", "p-r-1", "Guest " + tag(s), at(day, 9, 0),
                at(day, 11, 0));
        signedPost(joined);
        assertThat(signedPost(left).json().get("applied").asBoolean()).isTrue();
        assertThat(current(s).get("attendedMinutes").asInt()).isEqualTo(120);
        long revisions = revisions(s);
        long deliveries = deliveries();

        // the same delivery again (a replay, or Zoom retrying): acknowledged, nothing applied
        Response replay = signedPost(left);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("applied").asBoolean()).isFalse();

        String later = participant("meeting.participant_left", "p-r-1", "Guest " + tag(s), at(day, 9, 0),
                at(day, 12, 0));
        String now = String.valueOf(Instant.now().getEpochSecond());
        byte[] bytes = later.getBytes(StandardCharsets.UTF_8);
        Response forged = rawPost(later, now, "v0=" + "0".repeat(64));
        Response otherBody = rawPost(later, now, zoom.signature(now, left.getBytes(StandardCharsets.UTF_8)));
        String old = String.valueOf(Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        Response stale = rawPost(later, old, zoom.signature(old, bytes));
        Response unsigned = rawPost(later, null, null);
        for (Response refused : List.of(forged, otherBody, stale, unsigned)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(revisions(s)).isEqualTo(revisions);
        assertThat(deliveries()).isEqualTo(deliveries);
        assertThat(current(s).get("attendedMinutes").asInt()).isEqualTo(120);
    }

    @Test
    void anUnmatchedParticipantIsListedAndStaffMatchItByHandThenAStaffCorrectionOverrides() {
        SessionScheduled tagged = booked(newId());
        SessionScheduled byHand = booked(newId());
        signedPost(participant("meeting.participant_joined", "p-u-1", "Guest " + tag(tagged), at(day, 9, 0), null));
        signedPost(participant("meeting.participant_joined", "p-u-2", "iPhone", at(day, 9, 20), null));
        signedPost(ended(at(day, 12, 0)));

        JsonNode unmatched = get("/api/telehealth/unmatched", "staff").json();
        JsonNode iphone = null;
        for (JsonNode p : unmatched) {
            if (meetingOf(p) && "iPhone".equals(p.get("displayName").asString())) {
                iphone = p;
            }
        }
        assertThat(iphone).as("unmatched participant listed").isNotNull();
        assertThat(iphone.get("sessionId").asString()).isEqualTo(sessionId);
        assertThat(iphone.get("bookingId").isNull()).isTrue();
        JsonNode ofSession = get("/api/sessions/" + sessionId + "/telehealth/participants", "staff").json();
        assertThat(ofSession).hasSize(2);
        assertThat(get("/api/telehealth/unmatched", "officer").status()).isEqualTo(403);
        assertThat(revisions(byHand)).isZero();

        String participantId = iphone.get("id").asString();
        Response wrong = post("/api/telehealth/participants/" + participantId + "/match", "staff",
                Map.of("bookingId", ""));
        assertThat(wrong.status()).isEqualTo(400);
        Response matched = post("/api/telehealth/participants/" + participantId + "/match", "staff",
                Map.of("bookingId", byHand.getBookingId()));
        assertThat(matched.status()).isEqualTo(200);
        assertThat(matched.json().get("matchedBy").asString()).isEqualTo("staff");
        assertThat(current(byHand).get("attendedMinutes").asInt()).isEqualTo(160);
        assertThat(post("/api/telehealth/participants/" + participantId + "/match", "staff",
                Map.of("bookingId", byHand.getBookingId())).status()).isEqualTo(409);

        // staff know better (the client sat with another on one device from 9:00): a new revision that stands
        Response corrected = post("/api/bookings/" + byHand.getBookingId() + "/attendance/corrections", "staff",
                Map.of("outcome", "ATTENDED", "checkedInAt", at(day, 9, 0).toString(), "checkedOutAt",
                        at(day, 12, 0).toString(), "reason", "shared a device from the start"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().get("source").asString()).isEqualTo("STAFF");
        long revisions = revisions(byHand);
        // a late platform event for the same participant does not overwrite staff's record
        signedPost(participant("meeting.participant_left", "p-u-2", "iPhone", at(day, 9, 20), at(day, 11, 0)));
        assertThat(revisions(byHand)).isEqualTo(revisions);
        assertThat(current(byHand).get("attendedMinutes").asInt()).isEqualTo(180);
        await().atMost(Duration.ofSeconds(45)).until(() -> awaitWeek(programId, monday(-1), byHand.getClientId(),
                c -> c.get("attendedMinutes").asInt() == 180) != null);
    }

    private boolean meetingOf(JsonNode participant) {
        return participant.get("sessionId") != null && sessionId.equals(participant.get("sessionId").asString());
    }

    @Test
    void zoomsUrlValidationChallengeIsAnsweredWithTheHashedToken() {
        String body = delivery("endpoint.url_validation", Map.of("plainToken", "qgg8vlvZRS6UYooatFL8Aw"));
        Response r = signedPost(body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("plainToken").asString()).isEqualTo("qgg8vlvZRS6UYooatFL8Aw");
        String expected = zoom.signature("x", "y".getBytes(StandardCharsets.UTF_8)); // same key, other message
        assertThat(r.json().get("encryptedToken").asString()).hasSize(64).matches("[0-9a-f]{64}")
                .isNotEqualTo(expected.substring(3));
        assertThat(r.json().get("encryptedToken").asString()).isEqualTo(hmacHex("qgg8vlvZRS6UYooatFL8Aw"));
        assertThat(rawPost(body, null, null).status()).isEqualTo(403);
    }

    private static String hmacHex(String message) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(ZoomFormat.LOCAL_SECRET
                    .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
