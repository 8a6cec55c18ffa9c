package org.openiop.attendance.booking;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openiop.backbone.inbox.EventInbox;
import org.openiop.backbone.kafka.EventRejectedException;
import org.openiop.events.ProgramConfigured;
import org.openiop.events.SessionCancelled;
import org.openiop.events.SessionRescheduled;
import org.openiop.events.SessionScheduled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Keeps the bookings staff record attendance against, from the session stream, and each program's no-show grace.
 * A cancellation may arrive for a booking never seen scheduled (it is stored as cancelled): nothing is dropped.
 * {@link BookingEvents} maps session events to a {@link Booking}.
 * <p>
 * A batch listener, like the compliance projection: each poll is applied in one transaction, its event ids recorded
 * in the inbox with one statement, the bookings it touched folded in memory (what applying its events one by one would
 * leave, see {@link #fold}) and written with one multi-row upsert; a program's grace splits the batch (the bookings
 * before it are written first, so they move with it). A record that cannot be decoded, or that {@link BookingEvents}
 * rejects, is found before anything is applied: the records before it are applied and it is handed to the shared
 * error handler ({@link BatchListenerFailedException}), which sends it to its dead-letter topic and redelivers the
 * records after it. If applying a batch fails in the database, its records are applied again one at a time, so the
 * records before the bad one commit and the error handler retries the bad one (ids applied are skipped by the inbox).
 */
@Component
class BookingListener {

    static final String CONSUMER = "attendance.bookings";

    private static final Logger log = LoggerFactory.getLogger(BookingListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(BookingListener.class);

    private final EventInbox inbox;
    private final BookingRepository bookings;
    private final ApplicationEventPublisher events;
    private final ObservationRegistry observations;

    BookingListener(EventInbox inbox, BookingRepository bookings, ApplicationEventPublisher events,
            ObservationRegistry observations) {
        this.inbox = inbox;
        this.bookings = bookings;
        this.events = events;
        this.observations = observations;
    }

    /** What one record asks of this consumer. */
    private sealed interface Input {
        String eventId();
    }

    /** Scheduled, moved or cancelled; {@code modality} only for a SessionScheduled (telehealth notes it). */
    private record Seat(String eventId, Booking booking, SessionModalityNoted modality) implements Input {
    }

    private record Grace(String eventId, String programId, int minutes) implements Input {
    }

    @KafkaListener(id = "attendance-bookings", idIsGroup = false, batch = "true",
            topics = { "#{@topics.sessions()}", "#{@topics.programs()}" })
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        // Spring Kafka observes record listeners only: each record gets its own consumer observation here, so a
        // booking's trace still runs from the scheduling request into this service (one span per record, covering
        // the poll's work, parented by the producer's traceparent header).
        List<Observation> received = new ArrayList<>(records.size());
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            received.add(KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                    KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                    () -> new KafkaRecordReceiverContext(record, "attendance-bookings", () -> null), observations)
                    .start());
        }
        try {
            applyAll(records);
        } catch (RuntimeException e) {
            received.forEach(o -> o.error(e));
            throw e;
        } finally {
            received.forEach(Observation::stop);
        }
    }

    private void applyAll(List<ConsumerRecord<String, SpecificRecord>> records) {
        List<ConsumerRecord<String, SpecificRecord>> mine = new ArrayList<>(records.size());
        List<Input> inputs = new ArrayList<>(records.size());
        for (ConsumerRecord<String, SpecificRecord> record : records) {
            DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            if (undecodable != null || record.value() == null) {
                apply(mine, inputs);
                throw new BatchListenerFailedException("undecodable record", undecodable, record);
            }
            Input input;
            try {
                input = translate(record.value());
            } catch (EventRejectedException rejected) {
                apply(mine, inputs);
                throw new BatchListenerFailedException(String.valueOf(rejected.getMessage()), rejected, record);
            }
            // Other event types on these topics are not this consumer's business (not recorded either).
            if (input != null) {
                mine.add(record);
                inputs.add(input);
            }
        }
        apply(mine, inputs);
    }

    private static Input translate(SpecificRecord value) {
        if (value instanceof SessionScheduled e) {
            Booking booking = BookingEvents.booking(e, false, e.getLateEntry() == null ? null
                    : new Booking.LateEntry(e.getLateEntry().getEnteredBy(), e.getLateEntry().getEnteredAt(),
                            e.getLateEntry().getSessionEnteredLate()));
            return new Seat(e.getEventId(), booking, new SessionModalityNoted(e.getSessionId(),
                    BookingEvents.modality(e.getModality()), e.getOccurredAt()));
        }
        if (value instanceof SessionRescheduled e) {
            return new Seat(e.getEventId(), BookingEvents.booking(e, false, null), null);
        }
        if (value instanceof SessionCancelled e) {
            return new Seat(e.getEventId(), BookingEvents.booking(e, true, null), null);
        }
        if (value instanceof ProgramConfigured e) {
            return new Grace(e.getEventId(), e.getProgramId(), Math.max(0, e.getNoShowGraceMinutes()));
        }
        return null;
    }

    /** The records and their inputs (one each, same order). */
    private void apply(List<ConsumerRecord<String, SpecificRecord>> records, List<Input> inputs) {
        if (records.isEmpty()) {
            return;
        }
        try {
            inbox.applyOnce(CONSUMER, inputs, Input::eventId, this::write);
        } catch (RuntimeException batchFailed) {
            log.debug("Batch of {} failed ({}); applying its records one at a time", records.size(),
                    batchFailed.toString());
            for (int i = 0; i < records.size(); i++) {
                try {
                    inbox.applyOnce(CONSUMER, List.of(inputs.get(i)), Input::eventId, this::write);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException(String.valueOf(e.getMessage()), e, records.get(i));
                }
            }
        }
    }

    /** The inputs applied for the first time, in order, inside the inbox's transaction. */
    private void write(List<Input> fresh) {
        Map<String, Booking> folded = new LinkedHashMap<>();
        List<SessionModalityNoted> modalities = new ArrayList<>();
        for (Input input : fresh) {
            if (input instanceof Seat seat) {
                folded.merge(seat.booking().bookingId(), seat.booking(), BookingListener::fold);
                if (seat.modality() != null) {
                    modalities.add(seat.modality());
                }
            } else if (input instanceof Grace grace) {
                // The bookings before the new grace are written first, so they move with it.
                bookings.upsert(folded.values());
                folded.clear();
                bookings.programGrace(grace.programId(), grace.minutes());
            }
        }
        bookings.upsert(folded.values());
        // telehealth notes each, in order, in this transaction (a synchronous in-process event; it does not read
        // the booking table, so after the bookings is the same as between them)
        modalities.forEach(events::publishEvent);
    }

    /**
     * One booking's two events in order, as one: what upserting {@code earlier} then {@code later} leaves (the
     * later times win, a cancellation stays, the first late-entry mark stays, a session entered late stays so; the
     * client and program are those of the insert, which an update never changes).
     */
    static Booking fold(Booking earlier, Booking later) {
        Booking.LateEntry late = earlier.lateEntry() == null ? later.lateEntry()
                : later.lateEntry() == null ? earlier.lateEntry()
                : new Booking.LateEntry(earlier.lateEntry().enteredBy(), earlier.lateEntry().enteredAt(),
                        earlier.lateEntry().sessionEnteredLate() || later.lateEntry().sessionEnteredLate());
        return new Booking(later.bookingId(), later.sessionId(), earlier.clientId(), earlier.programId(),
                later.sessionType(), later.block(), later.startsAt(), later.endsAt(), later.timeZone(),
                earlier.cancelled() || later.cancelled(), false, late);
    }
}
