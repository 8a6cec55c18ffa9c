package org.openiop.events;

import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

/**
 * The catalogue of streams: which event types travel on which topic. Topics are keyed by clientId (programs by
 * programId), so each consumer sees one client's events in order; types whose relative order matters share a topic.
 */
public final class EventTopics {

    public static final String PROGRAMS = "iop.programs.v1";
    public static final String CLIENTS = "iop.clients.v1";
    public static final String SESSIONS = "iop.sessions.v1";
    public static final String ATTENDANCE = "iop.attendance.v1";
    public static final String COMPLIANCE = "iop.compliance.v1";
    /**
     * Make-up offers and waitlist holds: sent by scheduling, answered on the client's page through notification,
     * booked by scheduling.
     */
    public static final String OFFERS = "iop.offers.v1";

    /** Suffix of the dead-letter topic that goes with each topic. */
    public static final String DLT_SUFFIX = ".DLT";

    public static final Map<String, List<Class<? extends SpecificRecord>>> TYPES_BY_TOPIC = Map.of(
            PROGRAMS, List.of(ProgramConfigured.class),
            CLIENTS, List.of(ClientEnrolled.class, ClientUpdated.class, ClientDischarged.class),
            SESSIONS, List.of(SessionScheduled.class, SessionRescheduled.class, SessionCancelled.class),
            ATTENDANCE, List.of(SessionAttended.class, SessionMissed.class),
            COMPLIANCE, List.of(WeeklyComplianceChanged.class, CertificationDue.class),
            OFFERS, List.of(MakeupOffered.class, MakeupOfferChosen.class, MakeupOfferAccepted.class,
                    MakeupOfferExpired.class, MakeupOfferWithdrawn.class, WaitlistSeatHeld.class,
                    WaitlistHoldAnswered.class, WaitlistHoldEnded.class));

    private EventTopics() {
    }

    /** Every event type the platform knows, in a stable order. */
    public static List<Class<? extends SpecificRecord>> allEventTypes() {
        return TYPES_BY_TOPIC.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    /** The topic an event type is published on. */
    public static String topicOf(Class<? extends SpecificRecord> type) {
        return TYPES_BY_TOPIC.entrySet().stream()
                .filter(e -> e.getValue().contains(type))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No topic carries " + type.getName()));
    }
}
