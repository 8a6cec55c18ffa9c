package org.openiop.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.openiop.events.serde.AvroEventDeserializer;
import org.openiop.events.serde.AvroEventSerializer;
import org.openiop.events.serde.EventCatalog;
import org.openiop.events.serde.UndecodableEventException;

class AvroEventSerdeTest {

    private final AvroEventSerializer serializer = new AvroEventSerializer();
    private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

    static SessionScheduled scheduled() {
        Instant start = Instant.parse("2026-03-09T22:00:00Z");
        return SessionScheduled.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setClientId(UUID.randomUUID().toString()).setProgramId(UUID.randomUUID().toString())
                .setBookingId(UUID.randomUUID().toString()).setSessionId(UUID.randomUUID().toString())
                .setSessionType(SessionType.GROUP).setBlock(Block.EVENING)
                .setStartsAt(start).setEndsAt(start.plus(3, ChronoUnit.HOURS))
                .setTimeZone("America/New_York").setSeriesId(null)
                .build();
    }

    @Test
    void roundTripKeepsEveryField() {
        SessionScheduled event = scheduled();
        byte[] bytes = serializer.serialize("iop.sessions.v1", event);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(deserializer.deserialize("iop.sessions.v1", bytes)).isEqualTo(event);
    }

    @Test
    void severalTypesShareOneTopicAndComeBackAsTheirOwnClass() {
        SessionScheduled s = scheduled();
        SessionCancelled c = SessionCancelled.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(s.getOccurredAt())
                .setClientId(s.getClientId()).setProgramId(s.getProgramId()).setBookingId(s.getBookingId())
                .setSessionId(s.getSessionId()).setSessionType(s.getSessionType()).setBlock(s.getBlock())
                .setStartsAt(s.getStartsAt()).setEndsAt(s.getEndsAt()).setTimeZone(s.getTimeZone())
                .setReason(ChangeReason.PROGRAM_CLOSURE).build();

        assertThat(deserializer.deserialize("t", serializer.serialize("t", c))).isInstanceOf(SessionCancelled.class)
                .isEqualTo(c);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", s))).isInstanceOf(SessionScheduled.class);
    }

    @Test
    void anEventWrittenWithAnOlderSchemaIsReadWithTheNewDefaults() throws Exception {
        Schema v1 = EventCatalog.get().history(ProgramConfigured.getClassSchema().getFullName()).get(0);
        assertThat(v1.getField("dailyThresholdMinutes")).as("v1 predates the per-day threshold").isNull();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "e-1");
        old.put("occurredAt", 1_700_000_000_000L);
        old.put("programId", "p-1");
        old.put("timeZone", "America/Chicago");
        old.put("weekStart", "MONDAY");
        old.put("adultMinimumMinutes", 540);
        old.put("adolescentMinimumMinutes", 360);
        old.put("noShowGraceMinutes", 45);
        old.put("locationLabel", "Main St. office");
        old.put("phone", "+13125550100");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, out);

        ProgramConfigured read = (ProgramConfigured) deserializer.deserialize("iop.programs.v1", out.toByteArray());

        assertThat(read.getNoShowGraceMinutes()).isEqualTo(45);
        assertThat(read.getDailyThresholdMinutes()).isEqualTo(180);
        assertThat(read.getStepDownAllowanceWeeks()).isEqualTo(2);
    }

    @Test
    void plainTextIsRefusedWithAClearReason() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "{\"hello\":1}".getBytes()))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("Not an Avro single-object encoded event");
    }

    @Test
    void anUnknownFingerprintIsRefused() {
        byte[] bytes = serializer.serialize("t", scheduled());
        bytes[5] ^= 0x5A;
        assertThatThrownBy(() -> deserializer.deserialize("t", bytes))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("Unknown schema fingerprint");
    }

    @Test
    void aTruncatedBodyIsRefused() {
        byte[] bytes = serializer.serialize("t", scheduled());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 20);
        assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("Corrupt event body");
    }

    @Test
    void everyTopicCarriesKnownTypesOnly() {
        assertThat(EventTopics.topicOf(SessionMissed.class)).isEqualTo(EventTopics.ATTENDANCE);
        assertThat(EventTopics.allEventTypes()).hasSize(19);
        assertThat(EventTopics.topicOf(CertificationDue.class)).isEqualTo(EventTopics.COMPLIANCE);
        assertThat(EventTopics.TYPES_BY_TOPIC.get(EventTopics.OFFERS)).containsExactly(MakeupOffered.class,
                MakeupOfferChosen.class, MakeupOfferAccepted.class, MakeupOfferExpired.class,
                MakeupOfferWithdrawn.class, WaitlistSeatHeld.class, WaitlistHoldAnswered.class,
                WaitlistHoldEnded.class);
    }

    @Test
    void anOfferAndTheClientsChoiceRoundTripOnOneTopic() {
        Instant start = Instant.parse("2026-03-11T14:00:00Z");
        MakeupOffered offered = MakeupOffered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start.minus(2, ChronoUnit.DAYS)).setClientId(UUID.randomUUID().toString())
                .setProgramId(UUID.randomUUID().toString()).setOfferId(UUID.randomUUID().toString())
                .setWeekStart(java.time.LocalDate.parse("2026-03-09")).setTimeZone("America/New_York")
                .setOptions(java.util.List.of(OfferOption.newBuilder().setNumber(1).setSessions(java.util.List.of(
                        OfferSession.newBuilder().setSessionId(UUID.randomUUID().toString()).setStartsAt(start)
                                .setEndsAt(start.plus(3, ChronoUnit.HOURS)).build())).build()))
                .setExpiresAt(start).setOfferedBy("staff").build();
        MakeupOfferChosen chosen = MakeupOfferChosen.newBuilder().setEventId(UUID.randomUUID().toString())
                .setOccurredAt(start.minus(1, ChronoUnit.DAYS)).setClientId(offered.getClientId())
                .setProgramId(offered.getProgramId()).setOfferId(offered.getOfferId()).setOptionNumber(1)
                .setChosenBy("client-link:" + UUID.randomUUID()).build();

        assertThat(deserializer.deserialize("t", serializer.serialize("t", offered))).isEqualTo(offered);
        assertThat(deserializer.deserialize("t", serializer.serialize("t", chosen))).isEqualTo(chosen);
    }
}
