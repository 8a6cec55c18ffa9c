package org.openiop.scheduling.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.EventTopics;
import org.openiop.events.MakeupOfferAccepted;
import org.openiop.events.MakeupOfferChosen;
import org.openiop.events.MakeupOfferExpired;
import org.openiop.events.MakeupOffered;
import org.openiop.events.OfferExpiryReason;
import org.openiop.events.SessionScheduled;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Offers through the real broker: staff send a week's options, the client's choice arrives as MakeupOfferChosen on
 * the offers topic (as notification-service publishes it) and is booked through the booking rules.
 */
@TestPropertySource(properties = "scheduling.offers.sweep-every=200ms")
class MakeupOfferTest extends SchedulingTestBase {

    private static KafkaProducer<String, SpecificRecord> producer;

    @Autowired TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    private final LocalDate monday = februaryMonday().plusWeeks(7);

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void anOfferChosenByTheClientIsBookedAndAnnounced() {
        String program = createProgram("America/New_York");
        String client = enrol(program, monday.minusWeeks(2));
        String tuesday = groupSession(program, monday.plusDays(1), "MORNING", 6);
        String thursday = groupSession(program, monday.plusDays(3), "MORNING", 6);

        Api.Reply sent = staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", monday.toString(), "attendedMinutes", 360, "scheduledMinutes", 0));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String offer = sent.id();
        assertThat(sent.body().path("options")).extracting(o -> o.path("sessions").get(0).path("sessionId").asString())
                .containsExactly(tuesday, thursday);
        MakeupOffered offered = outboxEvents(client, MakeupOffered.class).get(0);
        assertThat(offered.getOfferId()).isEqualTo(offer);
        assertThat(offered.getOptions()).hasSize(2);
        assertThat(offered.getExpiresAt()).isEqualTo(offered.getOptions().get(1).getSessions().get(0).getStartsAt());

        // a second offer while this one is open is refused, naming the client
        Api.Reply second = staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", monday.toString(), "attendedMinutes", 360));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("code")).isEqualTo("offer-open");

        MakeupOfferChosen choice = chosen(client, program, offer, 2);
        send(choice);
        send(choice); // delivered twice: applied once
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(offerStatus(offer)));

        Api.Reply read = staff.get("/api/makeup-offers/" + offer);
        assertThat(read.body().path("acceptedOption").asInt()).isEqualTo(2);
        assertThat(read.body().path("options").get(0).path("status").asString()).isEqualTo("CLOSED");
        assertThat(read.body().path("options").get(1).path("status").asString()).isEqualTo("BOOKED");
        List<MakeupOfferAccepted> accepted = outboxEvents(client, MakeupOfferAccepted.class);
        assertThat(accepted).hasSize(1);
        List<SessionScheduled> scheduled = outboxEvents(client, SessionScheduled.class);
        assertThat(scheduled).extracting(SessionScheduled::getSessionId).containsExactly(thursday);
        assertThat(accepted.get(0).getBookingIds()).containsExactly(scheduled.get(0).getBookingId());
        assertThat(staff.get("/api/sessions/" + thursday).body().path("seatsUsed").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("""
                SELECT detail FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'makeup-offer'
                  AND action = 'CHANGE' ORDER BY id""").param("c", client).query(String.class).list())
                .satisfiesExactly(d -> assertThat(d).startsWith("offered " + offer),
                        d -> assertThat(d).startsWith("accepted option 2 of " + offer));
    }

    @Test
    void twoClientsChoosingTheLastSeatAtOnceOneIsBookedTheOtherKeepsTheNextOption() {
        String program = createProgram("Europe/Berlin");
        String first = enrol(program, monday.minusWeeks(2));
        String second = enrol(program, monday.minusWeeks(2));
        String lastSeat = groupSession(program, monday.plusDays(1), "MORNING", 1);
        String later = groupSession(program, monday.plusDays(4), "MORNING", 6);
        String offerA = offer(first);
        String offerB = offer(second);

        send(chosen(first, program, offerA, 1));
        send(chosen(second, program, offerB, 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> !outboxEvents(first).stream()
                .filter(e -> e instanceof MakeupOfferAccepted || e instanceof MakeupOfferExpired).toList().isEmpty()
                && !outboxEvents(second).stream()
                        .filter(e -> e instanceof MakeupOfferAccepted || e instanceof MakeupOfferExpired).toList()
                        .isEmpty());

        assertThat(staff.get("/api/sessions/" + lastSeat).body().path("seatsUsed").asInt()).isEqualTo(1);
        List<String> statuses = List.of(offerStatus(offerA), offerStatus(offerB));
        assertThat(statuses).containsExactlyInAnyOrder("ACCEPTED", "OPEN");
        String loser = "OPEN".equals(offerStatus(offerA)) ? first : second;
        String loserOffer = loser.equals(first) ? offerA : offerB;
        MakeupOfferExpired taken = outboxEvents(loser, MakeupOfferExpired.class).get(0);
        assertThat(taken.getReason()).isEqualTo(OfferExpiryReason.SEAT_TAKEN);
        assertThat(taken.getOptionNumbers()).containsExactly(1);
        assertThat(taken.getRemainingOptions()).containsExactly(2);

        // the next option is still open for them, and books
        send(chosen(loser, program, loserOffer, 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACCEPTED".equals(offerStatus(loserOffer)));
        assertThat(outboxEvents(loser, SessionScheduled.class)).extracting(SessionScheduled::getSessionId)
                .containsExactly(later);
    }

    @Test
    void anOptionExpiresAtItsSessionsStartAndTheOfferWithItsLastOption() {
        // a zone where it is around midday now, so the session cannot run past midnight whenever the build runs
        // (a fixed zone failed a CI run at 23:30 UTC: the session's end wrapped to 00:00 and was refused)
        int offset = 12 - Instant.now().atZone(ZoneOffset.UTC).getHour();
        ZoneId zone = ZoneId.of(offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
        String program = createProgram(zone.getId());
        // one 30-minute session starting 30 s from now (two requests away: offered before it starts, on seconds as
        // sessions may start); 10 minutes short of the week's minimum
        Instant start = Instant.now().plus(30, ChronoUnit.SECONDS).truncatedTo(ChronoUnit.SECONDS);
        LocalDate today = start.atZone(zone).toLocalDate();
        String client = enrol(program, today.minusWeeks(2));
        LocalTime from = start.atZone(zone).toLocalTime();
        Api.Reply session = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                "date", today.toString(), "startTime", from.toString(), "endTime", from.plusMinutes(30).toString(),
                "capacity", 4));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        Api.Reply sent = staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", today.toString(), "attendedMinutes", 530, "scheduledMinutes", 0));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String offer = sent.id();

        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "EXPIRED".equals(offerStatus(offer)));
        MakeupOfferExpired expired = outboxEvents(client, MakeupOfferExpired.class).get(0);
        assertThat(expired.getReason()).isEqualTo(OfferExpiryReason.STARTED);
        assertThat(expired.getRemainingOptions()).isEmpty();

        // a choice arriving afterwards books nothing
        send(chosen(client, program, offer, 1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(outboxEvents(client, SessionScheduled.class)).isEmpty();
    }

    private String offer(String client) {
        Api.Reply sent = staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", monday.toString(), "attendedMinutes", 360, "scheduledMinutes", 0));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.id();
    }

    private String offerStatus(String offer) {
        return staff.get("/api/makeup-offers/" + offer).text("status");
    }

    private static MakeupOfferChosen chosen(String client, String program, String offer, int option) {
        return MakeupOfferChosen.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setClientId(client)
                .setProgramId(program).setOfferId(offer).setOptionNumber(option)
                .setChosenBy("client-link:" + UUID.randomUUID()).build();
    }

    private void send(MakeupOfferChosen choice) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new AvroEventSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topics.of(EventTopics.OFFERS), choice.getClientId(), choice)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
