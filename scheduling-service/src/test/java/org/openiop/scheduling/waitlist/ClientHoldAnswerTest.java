package org.openiop.scheduling.waitlist;

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
import org.openiop.events.EventTopics;
import org.openiop.events.HoldAnswer;
import org.openiop.events.HoldOutcome;
import org.openiop.events.WaitlistHoldAnswered;
import org.openiop.events.WaitlistHoldEnded;
import org.openiop.events.WaitlistSeatHeld;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.scheduling.Api;
import org.openiop.scheduling.SchedulingTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The client's side of a hold through the real broker: the hold is announced (WaitlistSeatHeld) in the transaction
 * that grants it; the client's answer (WaitlistHoldAnswered, as notification-service publishes it) books the seat
 * once however often it is delivered, a decline passes the seat on, a late acceptance books nothing, and an answer
 * that can never be applied goes to the dead-letter topic.
 */
class ClientHoldAnswerTest extends SchedulingTestBase {

    private static KafkaProducer<String, SpecificRecord> producer;

    @Autowired TopicNames topics;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    private final LocalDate day = februaryMonday().plusWeeks(3);

    @AfterAll
    static void close() {
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void theHeldClientIsToldAndTheirAcceptanceBooksTheSeatOnce() {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day, "EVENING", 1);
        String leaver = enrol(program, day.minusWeeks(1));
        String bookingId = book(session, leaver).id();
        String first = enrol(program, day.minusWeeks(1));
        String entry = waitlist(session, first).id();
        assertThat(outboxEvents(first, WaitlistSeatHeld.class)).as("nothing held yet").isEmpty();

        assertThat(staff.post("/api/bookings/" + bookingId + "/cancel", Map.of()).status()).isEqualTo(200);
        List<WaitlistSeatHeld> held = outboxEvents(first, WaitlistSeatHeld.class);
        assertThat(held).hasSize(1);
        WaitlistSeatHeld notice = held.get(0);
        Api.Reply view = staff.get("/api/waitlist/" + entry);
        assertThat(notice.getEntryId()).isEqualTo(entry);
        assertThat(notice.getSessionId()).isEqualTo(session);
        assertThat(notice.getProgramId()).isEqualTo(program);
        assertThat(notice.getTimeZone()).isEqualTo("America/New_York");
        assertThat(notice.getHeldUntil()).isEqualTo(Instant.parse(view.text("heldUntil")).truncatedTo(ChronoUnit.MILLIS));
        assertThat(notice.getSessionStartsAt()).isEqualTo(Instant.parse(staff.get("/api/sessions/" + session)
                .text("startsAt")));

        WaitlistHoldAnswered accept = answer(entry, first, program, HoldAnswer.ACCEPT);
        send(accept, first);
        send(accept, first); // delivered twice
        await().atMost(Duration.ofSeconds(30)).until(() -> "BOOKED".equals(status(entry)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM booking WHERE session_id = CAST(:s AS uuid) AND status = 'BOOKED'
                  AND client_id = CAST(:c AS uuid)""").param("s", session).param("c", first).query(Long.class)
                .single()).isEqualTo(1);
        List<WaitlistHoldEnded> ended = outboxEvents(first, WaitlistHoldEnded.class);
        assertThat(ended).hasSize(1);
        assertThat(ended.get(0).getOutcome()).isEqualTo(HoldOutcome.BOOKED);
        assertThat(ended.get(0).getBookingId()).isEqualTo(staff.get("/api/waitlist/" + entry).text("bookingId"));
        assertThat(ended.get(0).getEndedBy()).isEqualTo("client");
        assertThat(staff.get("/api/waitlist/" + entry).body().path("history").get(2).path("actor").asString())
                .isEqualTo("client");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_log WHERE :c = ANY(client_ids) AND resource = 'waitlist'
                  AND detail LIKE 'the client answered hold %: accept (client-link:%'""")
                .param("c", first).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aDeclinePassesTheSeatOnAndALateAcceptanceBooksNothing() {
        String program = createProgram("America/New_York");
        String session = groupSession(program, day.plusDays(1), "MORNING", 1);
        String bookingId = book(session, enrol(program, day.minusWeeks(1))).id();
        String a = enrol(program, day.minusWeeks(1));
        String b = enrol(program, day.minusWeeks(1));
        String c = enrol(program, day.minusWeeks(1));
        String entryA = waitlist(session, a).id();
        String entryB = waitlist(session, b).id();
        String entryC = waitlist(session, c).id();
        assertThat(staff.post("/api/bookings/" + bookingId + "/cancel", Map.of()).status()).isEqualTo(200);

        // another client's answer to A's hold is ignored
        send(answer(entryA, b, program, HoldAnswer.ACCEPT), b);
        send(answer(entryA, a, program, HoldAnswer.DECLINE), a);
        await().atMost(Duration.ofSeconds(30)).until(() -> "HELD".equals(status(entryB)));
        assertThat(status(entryA)).isEqualTo("DECLINED");
        assertThat(outboxEvents(a, WaitlistHoldEnded.class)).extracting(WaitlistHoldEnded::getOutcome)
                .containsExactly(HoldOutcome.DECLINED);
        assertThat(outboxEvents(b, WaitlistSeatHeld.class)).hasSize(1);

        // B answers after the hold ran out, before the sweep noticed: expired now, the seat goes to C
        jdbc.sql("UPDATE waitlist_entry SET held_until = now() - interval '1 minute' WHERE id = CAST(:e AS uuid)")
                .param("e", entryB).update();
        send(answer(entryB, b, program, HoldAnswer.ACCEPT), b);
        await().atMost(Duration.ofSeconds(30)).until(() -> "HELD".equals(status(entryC)));
        assertThat(status(entryB)).isEqualTo("EXPIRED");
        assertThat(outboxEvents(b, WaitlistHoldEnded.class)).extracting(WaitlistHoldEnded::getOutcome)
                .containsExactly(HoldOutcome.EXPIRED);
        assertThat(jdbc.sql("SELECT count(*) FROM booking WHERE session_id = CAST(:s AS uuid) AND status = 'BOOKED'")
                .param("s", session).query(Long.class).single()).isZero();
        assertThat(staff.get("/api/sessions/" + session).body().path("seatsUsed").asInt()).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutAnEntryIdGoesToTheDeadLetterTopic() {
        String marker = UUID.randomUUID().toString();
        send(WaitlistHoldAnswered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setEntryId("not-an-entry")
                .setClientId(marker).setProgramId(UUID.randomUUID().toString()).setAnswer(HoldAnswer.ACCEPT)
                .setAnsweredBy("client-link:x").build(), marker);
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(topics.of(EventTopics.OFFERS) + ".DLT", marker);
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(KafkaBackboneConfiguration.DLT_REASON_HEADER).value(),
                StandardCharsets.UTF_8)).contains("without an entry or client id");
    }

    private static WaitlistHoldAnswered answer(String entry, String client, String program, HoldAnswer answer) {
        return WaitlistHoldAnswered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setEntryId(entry).setClientId(client)
                .setProgramId(program).setAnswer(answer).setAnsweredBy("client-link:" + UUID.randomUUID()).build();
    }

    private Api.Reply waitlist(String session, String client) {
        return staff.post("/api/sessions/" + session + "/waitlist", Map.of("clientId", client));
    }

    private String status(String entry) {
        return staff.get("/api/waitlist/" + entry).text("status");
    }

    private void send(SpecificRecord event, String key) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new AvroEventSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topics.of(EventTopics.OFFERS), key, event)).get();
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
