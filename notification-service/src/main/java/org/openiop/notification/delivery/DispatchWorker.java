package org.openiop.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

import org.openiop.notification.NotificationProperties;
import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactRepository;
import org.openiop.notification.program.Program;
import org.openiop.notification.program.ProgramRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Sends what is due. Each round claims a batch (other instances skip the claimed rows), sends them in parallel, and
 * records each outcome: sent, retried later with exponential backoff (transient failure), failed (permanent or out of
 * attempts), skipped (no consent, no address, opted out, too late) or put back to wait for details not known yet.
 */
@Component
class DispatchWorker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DispatchWorker.class);
    /** Every template name {@link MessageKind#template} returns: the {@code kind} tag of the metrics. */
    private static final List<String> TEMPLATES = List.of("REMINDER", MessageKind.CONFIRMATION,
            MessageKind.CHANGE_NOTICE, MessageKind.CANCELLATION, MessageKind.MISSED_FOLLOW_UP,
            MessageKind.STAFF_MISSED_ALERT, MessageKind.COMPLIANCE_ALERT, MessageKind.COMPLIANCE_DIGEST);

    private final DeliveryRepository queue;
    private final ContactRepository contacts;
    private final ProgramRepository programs;
    private final MessageComposer composer;
    private final SendTimeCheck stillTrue;
    private final VideoSessions online;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final NotificationProperties properties;
    private final Clock clock;
    private final ExecutorService pool;
    private final MeterRegistry meters;
    private final Timer lateness;

    DispatchWorker(DeliveryRepository queue, ContactRepository contacts, ProgramRepository programs,
            MessageComposer composer, SendTimeCheck stillTrue, VideoSessions online, List<ChannelSender> senders,
            NotificationProperties properties, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.stillTrue = stillTrue;
        this.online = online;
        this.contacts = contacts;
        this.programs = programs;
        this.composer = composer;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.properties = properties;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(properties.dispatch().threads());
        this.meters = meters;
        this.lateness = Timer.builder("iop.notification.lateness").publishPercentiles(0.5, 0.99)
                .description("How long after its due time a message was sent").register(meters);
        // At zero from the start: Prometheus' increase() only sees the first one if the series existed before it.
        for (Channel channel : Channel.values()) {
            for (String kind : TEMPLATES) {
                sent().tag("channel", channel.name()).tag("kind", kind).register(meters);
                for (String failure : List.of("permanent", "transient")) {
                    failed().tag("channel", channel.name()).tag("kind", kind).tag("failure", failure).register(meters);
                }
            }
        }
    }

    @Scheduled(fixedDelayString = "${iop.notification.dispatch.poll-interval:1s}")
    void poll() {
        if (!properties.dispatch().enabled()) {
            return;
        }
        int claimed;
        do {
            claimed = dispatchDue();
        } while (claimed == properties.dispatch().batchSize());
    }

    /** One round: claims up to a batch of due messages and sends them. @return how many were claimed */
    public int dispatchDue() {
        Instant now = clock.instant();
        List<Delivery> batch = queue.claim(now, now.plus(properties.dispatch().lease()),
                properties.dispatch().batchSize());
        // Senders take a handful at a time: one query each for their facts, contacts and programs, read just before
        // that handful goes out (not once for the whole batch, which may take seconds), instead of three per message.
        // A small batch is still spread over all the senders.
        int size = Math.max(1, Math.min(HANDFUL, -Math.floorDiv(-batch.size(), properties.dispatch().threads())));
        List<Future<?>> running = new ArrayList<>(batch.size() / size + 1);
        for (int from = 0; from < batch.size(); from += size) {
            List<Delivery> handful = batch.subList(from, Math.min(batch.size(), from + size));
            running.add(pool.submit(() -> dispatch(handful)));
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return batch.size();
            } catch (ExecutionException e) {
                log.error("Dispatch of a message crashed", e.getCause());
            }
        }
        return batch.size();
    }

    /** Most messages a sender looks up together before sending them one by one (each marked sent as it goes). */
    static final int HANDFUL = 10;

    void dispatch(List<Delivery> handful) {
        Facts facts;
        try {
            facts = new Facts(stillTrue.noLongerTrue(handful), contacts.findAll(handful.stream()
                    .filter(d -> d.audience() == Audience.CLIENT && d.clientId() != null).map(Delivery::clientId)
                    .toList()), new HashMap<>(), online.online(handful.stream().map(Delivery::bookingId)
                            .filter(java.util.Objects::nonNull).distinct().toList()));
        } catch (RuntimeException e) {
            log.error("Details of {} deliveries could not be read", handful.size(), e);
            for (Delivery d : handful) {
                queue.retryAt(d.id(), clock.instant().plus(backoff(d.attempts())), "internal error: "
                        + e.getClass().getSimpleName());
            }
            return;
        }
        for (Delivery d : handful) {
            dispatch(d, facts);
        }
    }

    /** What the send-time check said, the clients' contacts and the programs (looked up once each) of a handful. */
    private record Facts(Map<Long, Optional<String>> untrue, Map<String, Contact> contacts,
            Map<String, Optional<Program>> programs, Set<String> online) {
    }

    private Optional<Program> program(String programId, Facts facts) {
        return programId == null ? Optional.empty()
                : facts.programs().computeIfAbsent(programId, programs::find);
    }

    void dispatch(Delivery d, Facts facts) {
        try {
            Instant now = clock.instant();
            Optional<Target> target = target(d, now, facts);
            if (target.isEmpty()) {
                return;
            }
            OutgoingMessage message = composer.compose(d, target.get().to(), target.get().language(),
                    target.get().zone(), target.get().program(),
                    d.bookingId() != null && facts.online().contains(d.bookingId()));
            ChannelSender sender = senders.get(d.channel());
            try {
                String providerId = sender.send(message);
                Instant sentAt = clock.instant();
                queue.sent(d.id(), target.get().to(), providerId, sentAt);
                lateness.record(Duration.between(d.dueAt(), sentAt).isNegative() ? Duration.ZERO
                        : Duration.between(d.dueAt(), sentAt));
                sent().tag("channel", d.channel().name()).tag("kind", MessageKind.template(d.kind()))
                        .register(meters).increment();
            } catch (DeliveryFailure failure) {
                failed(d, failure);
            }
        } catch (RuntimeException e) {
            log.error("Delivery {} could not be processed", d.id(), e);
            queue.retryAt(d.id(), clock.instant().plus(backoff(d.attempts())), "internal error: "
                    + e.getClass().getSimpleName());
        }
    }

    private void failed(Delivery d, DeliveryFailure failure) {
        if (failure.permanent()) {
            log.warn("Delivery {} ({} {}) failed permanently: {}", d.id(), d.kind(), d.channel(), failure.getMessage());
            queue.failed(d.id(), failure.getMessage());
            count(failed(), d, "permanent");
        } else if (d.attempts() >= properties.dispatch().maxAttempts()) {
            log.warn("Delivery {} ({} {}) failed after {} attempts: {}", d.id(), d.kind(), d.channel(), d.attempts(),
                    failure.getMessage());
            queue.failed(d.id(), "gave up after " + d.attempts() + " attempts: " + failure.getMessage());
            count(failed(), d, "transient");
        } else {
            Instant next = clock.instant().plus(backoff(d.attempts()));
            log.info("Delivery {} ({} {}) attempt {} failed, retry at {}: {}", d.id(), d.kind(), d.channel(),
                    d.attempts(), next, failure.getMessage());
            queue.retryAt(d.id(), next, failure.getMessage());
            count(Counter.builder("iop.notification.retried")
                    .description("Delivery attempts that failed and will be retried"), d, "transient");
        }
    }

    /**
     * Failed for good ({@code iop.notification.failed}: refused by the provider, or out of attempts after transient
     * failures) versus an attempt that will be retried ({@code iop.notification.retried}). Ids stay out of the tags.
     */
    private void count(Counter.Builder meter, Delivery d, String failure) {
        meter.tag("channel", d.channel().name()).tag("kind", MessageKind.template(d.kind())).tag("failure", failure)
                .register(meters).increment();
    }

    private static Counter.Builder sent() {
        return Counter.builder("iop.notification.sent").description("Messages the provider accepted");
    }

    private static Counter.Builder failed() {
        return Counter.builder("iop.notification.failed").description("Messages that failed for good");
    }

    /** Exponential: the initial backoff after the first attempt, doubling, capped. */
    Duration backoff(int attempts) {
        Duration wait = properties.dispatch().initialBackoff().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return wait.compareTo(properties.dispatch().maxBackoff()) > 0 ? properties.dispatch().maxBackoff() : wait;
    }

    /** Where and how the message goes, or empty when it was skipped, dropped or put back to wait. */
    private Optional<Target> target(Delivery d, Instant now, Facts facts) {
        ZoneId sessionZone = d.timeZone() == null ? ZoneId.of("UTC") : ZoneId.of(d.timeZone());
        Optional<String> untrue = facts.untrue().getOrDefault(d.id(), Optional.empty());
        if (untrue.isPresent()) {
            queue.dropped(d.id(), untrue.get());
            return Optional.empty();
        }
        if (d.audience() != Audience.CLIENT) {
            if (d.recipient() == null || d.recipient().isBlank()) {
                queue.skipped(d.id(), "no recipients configured for the program");
                return Optional.empty();
            }
            return Optional.of(new Target(d.recipient(), programs.staffLanguage(), sessionZone,
                    program(d.programId(), facts).orElse(null)));
        }
        boolean announcesSession = MessageKind.aboutSession(d.kind()) && !d.kind().equals(MessageKind.CANCELLATION);
        if (announcesSession && d.sessionStartsAt() != null && !now.isBefore(d.sessionStartsAt())) {
            queue.skipped(d.id(), "too late: the session has started");
            return Optional.empty();
        }
        Instant waitLimit = d.sessionStartsAt() != null && d.sessionStartsAt().isAfter(d.dueAt())
                ? d.sessionStartsAt() : d.dueAt().plus(Duration.ofDays(1));
        Optional<Contact> contact = Optional.ofNullable(facts.contacts().get(d.clientId()));
        if (contact.isEmpty()) {
            return waitOrSkip(d, now, waitLimit, "waiting for contact details", "no contact details");
        }
        Contact c = contact.get();
        // consent withdrawn, opted out, channel or address removed since the message was planned
        Optional<String> cannot = c.cannotReceive(d.channel());
        if (cannot.isPresent()) {
            queue.dropped(d.id(), cannot.get());
            return Optional.empty();
        }
        Optional<Program> program = program(d.programId(), facts);
        if (program.isEmpty()) {
            return waitOrSkip(d, now, waitLimit, "waiting for the program's details", "program details never arrived");
        }
        return Optional.of(new Target(c.address(d.channel()), c.language(), c.zoneOr(sessionZone), program.get()));
    }

    private Optional<Target> waitOrSkip(Delivery d, Instant now, Instant limit, String waiting, String gaveUp) {
        Instant next = now.plus(properties.dispatch().detailsWait());
        if (next.isBefore(limit)) {
            queue.waitUntil(d.id(), next, waiting);
        } else {
            queue.skipped(d.id(), gaveUp);
        }
        return Optional.empty();
    }

    private record Target(String to, org.openiop.notification.contact.Language language, ZoneId zone,
            Program program) {
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
