package org.openiop.scheduling.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openiop.backbone.kafka.KafkaBackboneConfiguration;
import org.openiop.backbone.kafka.TopicNames;
import org.openiop.events.ComplianceStatus;
import org.openiop.events.EventTopics;
import org.openiop.events.MakeupOfferChosen;
import org.openiop.events.MakeupOfferWithdrawn;
import org.openiop.events.MakeupOffered;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.openiop.events.WeeklyComplianceChanged;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The program's automatic rule through the real broker: attendance's WeeklyComplianceChanged (published here as
 * attendance-service publishes it) turns into the offer staff would send, once per client-week; and staff withdrawing
 * an offer before the client's choice is booked.
 */
class AutomaticOfferTest extends SchedulingTestBase {

    private static KafkaProducer<String, SpecificRecord> producer;

    @Autowired TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    private final LocalDate monday = februaryMonday().plusWeeks(9);

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void aWeekTurningAtRiskGetsOneAutomaticOfferWhenTheProgramHasTheRule() {
        String program = createProgram("America/New_York");
        assertThat(staff.get("/api/programs/" + program + "/makeup-settings").body().path("automaticOffers")
                .asBoolean()).as("off unless an admin sets it").isFalse();
        assertThat(staff.put("/api/programs/" + program + "/makeup-settings", Map.of("automaticOffers", true))
                .status()).as("staff may not set the program's rule").isEqualTo(403);
        Api.Reply set = admin.put("/api/programs/" + program + "/makeup-settings", Map.of("automaticOffers", true));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.body().path("automaticOffers").asBoolean()).isTrue();
        assertThat(admin.put("/api/programs/" + program + "/makeup-settings", Map.of()).errorFields())
                .containsExactly("automaticOffers");

        String client = enrol(program, monday.minusWeeks(2));
        String tuesday = groupSession(program, monday.plusDays(1), "MORNING", 6);
        groupSession(program, monday.plusDays(3), "MORNING", 6);

        WeeklyComplianceChanged atRisk = change(client, program, ComplianceStatus.ON_TRACK, ComplianceStatus.AT_RISK);
        send(atRisk);
        send(atRisk); // delivered twice: applied once
        await().atMost(Duration.ofSeconds(30)).until(() -> !outboxEvents(client, MakeupOffered.class).isEmpty());
        MakeupOffered offered = outboxEvents(client, MakeupOffered.class).get(0);
        assertThat(offered.getOfferedBy()).isEqualTo("automatic");
        assertThat(offered.getOptions()).hasSize(2);
        assertThat(offered.getOptions().get(0).getSessions().get(0).getSessionId()).isEqualTo(tuesday);

        // the week leaves AT_RISK and turns AT_RISK again after the client booked elsewhere and the offer was
        // withdrawn: still one automatic offer for that week
        Api.Reply withdrawn = staff.post("/api/makeup-offers/" + offered.getOfferId() + "/withdrawal", Map.of());
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        WeeklyComplianceChanged leaves = change(client, program, ComplianceStatus.AT_RISK, ComplianceStatus.ON_TRACK);
        WeeklyComplianceChanged reenters = change(client, program, ComplianceStatus.ON_TRACK, ComplianceStatus.AT_RISK);
        send(leaves);
        send(reenters);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT count(*) FROM processed_event WHERE consumer = 'scheduling-automatic-offers'
                  AND event_id IN (:a, :b)""").param("a", leaves.getEventId()).param("b", reenters.getEventId())
                .query(Long.class).single() == 2);
        assertThat(outboxEvents(client, MakeupOffered.class)).hasSize(1);
        assertThat(jdbc.sql("""
                SELECT detail FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'makeup-offer'
                  AND action = 'CHANGE' ORDER BY id""").param("c", client).query(String.class).list())
                .satisfiesExactly(d -> assertThat(d).startsWith("offered " + offered.getOfferId()).contains("automatic"),
                        d -> assertThat(d).startsWith("withdrew " + offered.getOfferId()));
    }

    @Test
    void withoutTheRuleOrWithNothingLeftNoOfferIsSentAndImpossibleEventsGoToTheDlt() {
        String off = createProgram("Europe/Berlin");
        String clientOff = enrol(off, monday.minusWeeks(2));
        groupSession(off, monday.plusDays(1), "MORNING", 6);
        String on = createProgram("Europe/Berlin");
        admin.put("/api/programs/" + on + "/makeup-settings", Map.of("automaticOffers", true));
        String nothingLeft = enrol(on, monday.minusWeeks(2));
        String marker = enrol(on, monday.minusWeeks(2));
        groupSession(on, monday.plusDays(2), "MORNING", 6);

        send(change(clientOff, off, ComplianceStatus.ON_TRACK, ComplianceStatus.AT_RISK));
        // already reaching the minimum with what is booked: nothing to offer
        send(WeeklyComplianceChanged.newBuilder(change(nothingLeft, on, ComplianceStatus.ON_TRACK,
                ComplianceStatus.AT_RISK)).setScheduledRemainingMinutes(180).build());
        WeeklyComplianceChanged poison = WeeklyComplianceChanged.newBuilder(
                change(marker, on, ComplianceStatus.ON_TRACK, ComplianceStatus.AT_RISK)).setClientId("not-a-uuid")
                .build();
        sendKeyed(marker, poison);
        send(change(marker, on, ComplianceStatus.MET, ComplianceStatus.AT_RISK));
        await().atMost(Duration.ofSeconds(30)).until(() -> !outboxEvents(marker, MakeupOffered.class).isEmpty());

        assertThat(outboxEvents(clientOff, MakeupOffered.class)).isEmpty();
        assertThat(outboxEvents(nothingLeft, MakeupOffered.class)).isEmpty();
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.of(EventTopics.COMPLIANCE) + ".DLT", marker);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("without a client or program id");
    }

    @Test
    void aWithdrawnOfferCannotBeAcceptedAndIsWithdrawnOnce() {
        String program = createProgram("America/Chicago");
        String client = enrol(program, monday.minusWeeks(2));
        groupSession(program, monday.plusDays(1), "MORNING", 6);
        Api.Reply sent = staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", monday.toString(), "attendedMinutes", 360, "scheduledMinutes", 0));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String offer = sent.id();

        assertThat(officer.post("/api/makeup-offers/" + offer + "/withdrawal", Map.of()).status()).isEqualTo(403);
        Api.Reply withdrawn = staff.post("/api/makeup-offers/" + offer + "/withdrawal", Map.of());
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.text("status")).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.body().path("options").get(0).path("status").asString()).isEqualTo("WITHDRAWN");
        MakeupOfferWithdrawn event = outboxEvents(client, MakeupOfferWithdrawn.class).get(0);
        assertThat(event.getOfferId()).isEqualTo(offer);
        assertThat(event.getWithdrawnBy()).isEqualTo("staff");
        Api.Reply again = staff.post("/api/makeup-offers/" + offer + "/withdrawal", Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("offer-not-open");

        // a choice already on its way books nothing
        send(MakeupOfferChosen.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setClientId(client)
                .setProgramId(program).setOfferId(offer).setOptionNumber(1)
                .setChosenBy("client-link:" + UUID.randomUUID()).build(), EventTopics.OFFERS, client);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND detail LIKE 'choice of option 1%'""")
                .param("c", client).query(Long.class).single() == 1);
        assertThat(outboxEvents(client, SessionScheduled.class)).isEmpty();
        // and the client may be offered again
        assertThat(staff.post("/api/clients/" + client + "/makeup-offers",
                Map.of("week", monday.toString(), "attendedMinutes", 360, "scheduledMinutes", 0)).status())
                .isEqualTo(201);
    }

    private WeeklyComplianceChanged change(String client, String program, ComplianceStatus previous,
            ComplianceStatus status) {
        return WeeklyComplianceChanged.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setClientId(client)
                .setProgramId(program).setWeekStart(monday).setTrack(Track.ADULT).setAttendedMinutes(360)
                .setScheduledRemainingMinutes(0).setMinimumMinutes(540).setPreviousStatus(previous)
                .setStatus(status).build();
    }

    private void send(WeeklyComplianceChanged change) {
        sendKeyed(change.getClientId(), change);
    }

    private void sendKeyed(String key, WeeklyComplianceChanged change) {
        send(change, EventTopics.COMPLIANCE, key);
    }

    private void send(SpecificRecord event, String topic, String key) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new AvroEventSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topics.of(topic), key, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (found.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}
