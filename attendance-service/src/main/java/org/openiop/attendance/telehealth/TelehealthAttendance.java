package org.openiop.attendance.telehealth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openiop.attendance.attendance.AttendanceRecorder;
import org.openiop.attendance.attendance.AttendanceRevision;
import org.openiop.attendance.booking.Booking;
import org.openiop.attendance.booking.BookingRepository;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.telehealth.JoinKeys;
import org.openiop.backbone.web.RuleViolation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies platform-neutral participant events: each delivery once, participants matched to bookings by the join tag
 * issued with the client's link (never by name), and the booking's attendance recomputed from every closed interval
 * when someone leaves, the meeting ends or staff match a participant by hand.
 */
@Service
class TelehealthAttendance {

    /** A tag is 8 characters of the join-tag alphabet standing on its own in the display name. */
    private static final Pattern TAG = Pattern.compile("(?<![A-Z0-9])([A-HJ-NP-Z2-9]{8})(?![A-Z0-9])");
    /** How far from a session an event may be and still match one of its bookings (early joiners, late leavers). */
    private static final Duration SLACK = Duration.ofHours(2);

    private final PresenceRepository ledger;
    private final BookingRepository bookings;
    private final AttendanceRecorder recorder;
    private final JoinKeys keys;
    private final AuditTrail audit;

    TelehealthAttendance(PresenceRepository ledger, BookingRepository bookings, AttendanceRecorder recorder, JoinKeys keys,
            AuditTrail audit) {
        this.ledger = ledger;
        this.bookings = bookings;
        this.recorder = recorder;
        this.keys = keys;
        this.audit = audit;
    }

    /** @return false when the delivery was seen before (nothing applied) */
    @Transactional
    public boolean apply(String platform, String deliveryId, MeetingPlatform.Events delivery) {
        if (!ledger.firstDelivery(deliveryId, platform, delivery.type())) {
            return false;
        }
        Set<String> touched = new LinkedHashSet<>();
        for (ParticipantEvent e : delivery.events()) {
            ledger.meeting(platform, e.meetingInstance());
            switch (e.kind()) {
                case JOINED -> ledger.joined(participant(platform, e).id(), e.at());
                case LEFT -> {
                    PresenceRepository.Participant p = participant(platform, e);
                    ledger.left(p.id(), e.at(), e.joinedAt());
                    if (p.bookingId() != null) {
                        touched.add(p.bookingId());
                    }
                }
                case MEETING_ENDED -> touched.addAll(ledger.ended(platform, e.meetingInstance(), e.at()));
            }
        }
        touched.forEach(b -> recompute(b, platform));
        return true;
    }

    /** Staff match a participant the tag did not identify; the booking's attendance follows at once. */
    @Transactional
    public PresenceRepository.Participant match(UUID participantId, String bookingId, String by) {
        PresenceRepository.Participant p = ledger.find(participantId)
                .orElseThrow(() -> RuleViolation.notFound("participantId", "Participant", participantId));
        Booking booking = bookings.find(bookingId)
                .orElseThrow(() -> RuleViolation.notFound("bookingId", "Booking", bookingId));
        if (p.bookingId() != null) {
            throw RuleViolation.conflict("participant-already-matched", "Participant " + participantId
                    + " is already matched to a booking");
        }
        if (booking.cancelled()) {
            throw RuleViolation.unprocessable("booking-cancelled", "bookingId", "Booking " + bookingId
                    + " was cancelled");
        }
        if (p.sessionId() != null && !p.sessionId().equals(booking.sessionId())) {
            throw RuleViolation.unprocessable("not-in-session", "bookingId", "Booking " + bookingId
                    + " is not in the session this meeting was held as");
        }
        ledger.match(participantId, bookingId, by);
        ledger.meetingSession(p.platform(), p.meetingInstance(), booking.sessionId());
        audit.change("telehealth-participant", booking.clientId(), "participant " + participantId
                + " matched to booking " + bookingId);
        recompute(bookingId, p.platform());
        return ledger.find(participantId).orElseThrow();
    }

    private PresenceRepository.Participant participant(String platform, ParticipantEvent e) {
        PresenceRepository.Participant p = ledger.participant(platform, e.meetingInstance(), e.participantKey(),
                e.displayName());
        if (p.bookingId() != null) {
            return p;
        }
        Optional<Booking> byTag = tagged(e);
        if (byTag.isEmpty()) {
            return p;
        }
        Booking booking = byTag.get();
        if (p.sessionId() != null && !p.sessionId().equals(booking.sessionId())) {
            return p; // a tag from another session: staff decide
        }
        ledger.match(p.id(), booking.bookingId(), "join-tag");
        ledger.meetingSession(platform, e.meetingInstance(), booking.sessionId());
        return ledger.participant(platform, e.meetingInstance(), e.participantKey(), null);
    }

    /** The booking whose join tag the participant carries (in the display name, or a platform field set from it). */
    private Optional<Booking> tagged(ParticipantEvent e) {
        List<String> tags = new ArrayList<>();
        for (String text : new String[] {e.identifier(), e.displayName()}) {
            if (text != null) {
                Matcher m = TAG.matcher(text.toUpperCase(Locale.ROOT));
                while (m.find()) {
                    tags.add(m.group(1));
                }
            }
        }
        if (tags.isEmpty()) {
            return Optional.empty();
        }
        for (String bookingId : bookings.activeBetween(e.at().minus(SLACK), e.at().plus(SLACK))) {
            UUID id;
            try {
                id = UUID.fromString(bookingId);
            } catch (IllegalArgumentException notAUuid) {
                continue;
            }
            if (tags.contains(keys.tag(id))) {
                return bookings.find(bookingId);
            }
        }
        return Optional.empty();
    }

    private void recompute(String bookingId, String platform) {
        Booking booking = bookings.find(bookingId).orElse(null);
        if (booking == null) {
            return;
        }
        PresenceRules.attended(booking.startsAt(), booking.endsAt(), ledger.closedIntervals(bookingId))
                .ifPresent(a -> recorder.fromVideoPlatform(bookingId, a.checkedIn(), a.checkedOut(), a.minutes(),
                        AttendanceRevision.TELEHEALTH_PREFIX + platform));
    }
}
