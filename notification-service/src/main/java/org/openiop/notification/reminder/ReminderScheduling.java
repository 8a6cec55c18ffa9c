package org.openiop.notification.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.openiop.notification.contact.Channel;
import org.openiop.notification.contact.Contact;
import org.openiop.notification.contact.ContactChanged;
import org.openiop.notification.contact.ContactRepository;
import org.openiop.notification.contact.QuietHours;
import org.openiop.notification.delivery.Audience;
import org.openiop.notification.delivery.DeliveryRepository;
import org.openiop.notification.delivery.MessageKind;
import org.openiop.notification.delivery.NewDelivery;
import org.openiop.notification.program.ProgramRepository;
import org.openiop.notification.program.ProgramSettings;
import org.openiop.notification.program.ProgramSettingsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns session events into planned messages. Plans are recomputed from what is known whenever something they depend
 * on arrives (booking times, the client's contact preferences, the program's policy), so events may come in any
 * order and a late one completes the plan instead of being lost.
 */
@Service
class ReminderScheduling {

    private static final Logger log = LoggerFactory.getLogger(ReminderScheduling.class);

    private final BookingRepository bookings;
    private final DeliveryRepository queue;
    private final ContactRepository contacts;
    private final ProgramRepository programs;
    private final ReminderPlanner planner = new ReminderPlanner();
    private final Clock clock;

    ReminderScheduling(BookingRepository bookings, DeliveryRepository queue, ContactRepository contacts,
            ProgramRepository programs, Clock clock) {
        this.bookings = bookings;
        this.queue = queue;
        this.contacts = contacts;
        this.programs = programs;
        this.clock = clock;
    }

    /** What a session event says about a booking. */
    public record SessionChange(String bookingId, String clientId, String programId, String sessionId,
            Instant startsAt, Instant endsAt, ZoneId timeZone, Instant occurredAt) {
    }

    @Transactional
    public void scheduled(SessionChange change) {
        Optional<Booking> known = bookings.findForUpdate(change.bookingId());
        if (known.isPresent() && known.get().lastEventAt().isAfter(change.occurredAt())) {
            log.info("Booking {}: older SessionScheduled ignored", change.bookingId());
            return;
        }
        Booking booking;
        if (known.isPresent() && known.get().startsAt().equals(change.startsAt()) && !known.get().cancelled()) {
            // the same booking announced again: nothing changes, so nothing new is planned
            booking = withLastEvent(known.get(), change.occurredAt());
        } else {
            int revision = known.map(b -> b.revision() + 1).orElse(0);
            booking = new Booking(change.bookingId(), change.clientId(), change.programId(), change.sessionId(),
                    change.startsAt(), change.endsAt(), change.timeZone(), false, change.occurredAt(), revision,
                    change.occurredAt());
        }
        bookings.save(booking);
        replan(booking);
    }

    @Transactional
    public void rescheduled(SessionChange change) {
        Optional<Booking> known = bookings.findForUpdate(change.bookingId());
        if (known.isPresent() && known.get().lastEventAt().isAfter(change.occurredAt())) {
            log.info("Booking {}: older SessionRescheduled ignored", change.bookingId());
            return;
        }
        boolean moved = known.isEmpty() || !known.get().startsAt().equals(change.startsAt())
                || known.get().cancelled();
        Booking booking = moved
                ? new Booking(change.bookingId(), change.clientId(), change.programId(), change.sessionId(),
                        change.startsAt(), change.endsAt(), change.timeZone(), false, change.occurredAt(),
                        known.map(b -> b.revision() + 1).orElse(0), change.occurredAt())
                : withLastEvent(known.get(), change.occurredAt());
        bookings.save(booking);
        replan(booking);
        if (moved) {
            notice(booking, MessageKind.CHANGE_NOTICE, change.occurredAt());
        }
    }

    /**
     * @param notify whether the client hears about it: not when the cancellation follows their discharge (they would
     *               get one notice per remaining session)
     */
    @Transactional
    public void cancelled(SessionChange change, boolean notify) {
        Optional<Booking> known = bookings.findForUpdate(change.bookingId());
        if (known.isPresent() && known.get().lastEventAt().isAfter(change.occurredAt())) {
            log.info("Booking {}: older SessionCancelled ignored", change.bookingId());
            return;
        }
        if (known.isPresent() && known.get().cancelled()) {
            bookings.save(withLastEvent(known.get(), change.occurredAt()));
            return;
        }
        Booking booking = new Booking(change.bookingId(), change.clientId(), change.programId(), change.sessionId(),
                change.startsAt(), change.endsAt(), change.timeZone(), true,
                known.map(Booking::bookedAt).orElse(change.occurredAt()), known.map(b -> b.revision() + 1).orElse(0),
                change.occurredAt());
        bookings.save(booking);
        queue.dropPlanned(booking.bookingId(), List.of(), "booking cancelled");
        if (notify) {
            notice(booking, MessageKind.CANCELLATION, change.occurredAt());
        }
    }

    @EventListener
    public void contactChanged(ContactChanged changed) {
        bookings.upcomingOfClient(changed.clientId(), clock.instant()).forEach(this::replan);
        queue.wakeWaiting(changed.clientId(), null, clock.instant());
    }

    @EventListener
    public void programSettingsChanged(ProgramSettingsChanged changed) {
        bookings.upcomingOfProgram(changed.programId(), clock.instant()).forEach(this::replan);
    }

    /** Brings the booking's waiting reminders in line with the plan for what is known now. */
    void replan(Booking booking) {
        if (booking.cancelled()) {
            queue.dropPlanned(booking.bookingId(), List.of(), "booking cancelled");
            return;
        }
        Optional<Contact> contact = contacts.find(booking.clientId());
        ProgramSettings settings = programs.settings(booking.programId());
        ZoneId zone = contact.map(c -> c.zoneOr(booking.timeZone())).orElse(booking.timeZone());
        QuietHours quiet = contact.map(Contact::quietHours).orElse(null);
        ReminderPolicy policy = new ReminderPolicy(settings.reminderOffsets(), settings.channels());
        List<PlannedMessage> plan = planner.plan(booking.startsAt(), booking.bookedAt(), zone, policy,
                channels(settings, contact), quiet);
        String occasion = booking.startsAt().toString();
        Instant now = clock.instant();
        for (PlannedMessage message : plan) {
            NewDelivery delivery = NewDelivery.forSession(message.kind(), message.channel(), Audience.CLIENT, null,
                    booking.facts(), message.dueAt());
            Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(message.channel()));
            if (cannot.isPresent()) {
                queue.planSkipped(delivery, cannot.get());
            } else {
                queue.plan(delivery, now);
            }
        }
        queue.dropPlanned(booking.bookingId(),
                plan.stream().map(m -> DeliveryRepository.key(m.kind(), m.channel(), occasion)).toList(),
                "no longer planned: times or preferences changed");
    }

    private void notice(Booking booking, String kind, Instant at) {
        if (!booking.startsAt().isAfter(at)) {
            return;
        }
        Optional<Contact> contact = contacts.find(booking.clientId());
        ProgramSettings settings = programs.settings(booking.programId());
        ZoneId zone = contact.map(c -> c.zoneOr(booking.timeZone())).orElse(booking.timeZone());
        Instant due = planner.sendPromptly(at, booking.startsAt(), zone, contact.map(Contact::quietHours).orElse(null));
        for (Channel channel : channels(settings, contact)) {
            NewDelivery delivery = NewDelivery.forSession(kind, channel, Audience.CLIENT, null, booking.facts(), due);
            Optional<String> cannot = contact.flatMap(c -> c.cannotReceive(channel));
            if (cannot.isPresent()) {
                queue.enqueueSkipped(delivery, cannot.get());
            } else {
                queue.enqueueOnce(delivery);
            }
        }
    }

    /** The program's channels, narrowed to the client's preferred ones once known. */
    private static Set<Channel> channels(ProgramSettings settings, Optional<Contact> contact) {
        Set<Channel> channels = EnumSet.copyOf(settings.channels());
        contact.ifPresent(c -> channels.retainAll(c.channels()));
        return channels;
    }

    private static Booking withLastEvent(Booking b, Instant at) {
        return new Booking(b.bookingId(), b.clientId(), b.programId(), b.sessionId(), b.startsAt(), b.endsAt(),
                b.timeZone(), b.cancelled(), b.bookedAt(), b.revision(), at);
    }
}
