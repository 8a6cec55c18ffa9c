package org.openiop.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.events.SessionModality;
import org.openiop.events.SessionScheduled;
import org.openiop.notification.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * Telehealth reminders: a video appointment's messages carry one "Join online" line with the client's join link
 * (front door + join code, never the meeting link) and still pass the privacy deny-list; in-person ones do not. The
 * client's page offers the link only inside the join window.
 */
class TelehealthReminderTest extends IntegrationTest {

    private static final String NEW_YORK = "America/New_York";

    @Autowired JoinKeys keys;

    SessionScheduled video(String program, String client, Instant startsAt) {
        return SessionScheduled.newBuilder(scheduled(program, client, startsAt, NEW_YORK, Instant.now()))
                .setModality(SessionModality.TELEHEALTH).build();
    }

    static String plain(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    @Test
    void aVideoAppointmentsMessagesCarryJoinOnlineAndPassTheDenyList() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        String email = "video-" + client.substring(0, 8) + "@example.org";
        contact(client, emailContact(email, "es", null));
        SessionScheduled booked = video(program, client, Instant.now().plus(Duration.ofMinutes(90)));
        publish(topics.sessions(), client, booked);

        String text = text(awaitEmails(email, 1).get(0));
        String join = "http://127.0.0.1:8080/j/" + keys.code(UUID.fromString(booked.getBookingId()));
        assertThat(text).contains("Unirse en línea: " + join).doesNotContain("zoom");
        String words = plain(text.replace(join, " "));
        for (String denied : TemplatesPrivacyTest.DENIED) {
            assertThat(words).as("'%s'", denied).doesNotContainPattern("\\b" + denied);
        }

        String inPersonClient = id();
        String inPersonEmail = "room-" + inPersonClient.substring(0, 8) + "@example.org";
        contact(inPersonClient, emailContact(inPersonEmail, "en", null));
        publish(topics.sessions(), inPersonClient, scheduled(program, inPersonClient,
                Instant.now().plus(Duration.ofMinutes(90)), NEW_YORK, Instant.now()));
        assertThat(text(awaitEmails(inPersonEmail, 1).get(0))).doesNotContain("Join online").doesNotContain("/j/");
    }

    @Test
    void theClientsPageOffersJoinOnlineOnlyInsideTheWindowBeforeTheStart() {
        String program = programConfigured(NEW_YORK);
        String client = id();
        SessionScheduled soon = video(program, client, Instant.now().plus(Duration.ofMinutes(10)));
        SessionScheduled tomorrow = video(program, client, Instant.now().plus(Duration.ofDays(1)));
        publish(topics.sessions(), client, soon);
        publish(topics.sessions(), client, tomorrow);
        awaitReminders(soon.getBookingId(), 1);
        awaitReminders(tomorrow.getBookingId(), 1);
        String token = (String) staff().post().uri("/api/clients/{id}/client-links", client).retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { }).get("token");

        List<Map<String, Object>> appointments = org.springframework.web.client.RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port).build().get().uri("/api/client-portal/appointments")
                .header("X-Client-Link", token).accept(MediaType.APPLICATION_JSON).retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(appointments).hasSize(2);
        assertThat(appointments.get(0).get("id")).isEqualTo(soon.getBookingId());
        assertThat(appointments.get(0).get("joinUrl")).isEqualTo("http://127.0.0.1:8080/j/"
                + keys.code(UUID.fromString(soon.getBookingId())));
        assertThat(appointments.get(1).get("joinUrl")).isNull();
    }
}
