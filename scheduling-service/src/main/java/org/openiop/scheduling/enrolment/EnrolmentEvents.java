package org.openiop.scheduling.enrolment;

import java.time.Instant;
import java.util.UUID;

import org.openiop.events.ClientDischarged;
import org.openiop.events.ClientEnrolled;
import org.openiop.events.ClientUpdated;
import org.openiop.scheduling.program.Track;

/**
 * The enrolment events (ids, dates, track and phase: never name or birth date), the one place scheduling's enrolment
 * vocabulary becomes the events' Avro types: exhaustive switches, so a value added on either side stops the build
 * here instead of reaching the API or the rules.
 */
final class EnrolmentEvents {

    private EnrolmentEvents() {
    }

    static ClientEnrolled enrolled(Enrolment e, Instant now) {
        return ClientEnrolled.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setClientId(e.clientId().toString()).setProgramId(e.programId().toString())
                .setTrack(event(e.track())).setAdmissionDate(e.admissionDate())
                .setPlannedDischargeDate(e.plannedDischargeDate()).setPhaseSessionsPerWeek(e.phaseSessionsPerWeek())
                .setPhaseStepDown(false).build();
    }

    static ClientUpdated updated(Enrolment e, Instant now) {
        return ClientUpdated.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setClientId(e.clientId().toString()).setProgramId(e.programId().toString())
                .setTrack(event(e.track())).setAdmissionDate(e.admissionDate())
                .setPlannedDischargeDate(e.plannedDischargeDate()).setPhaseSessionsPerWeek(e.phaseSessionsPerWeek())
                .setPhaseStepDown(e.phaseStepDown()).setStatus(event(e.status())).build();
    }

    static ClientDischarged discharged(Enrolment e, Instant now) {
        return ClientDischarged.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(now)
                .setClientId(e.clientId().toString()).setProgramId(e.programId().toString())
                .setDischargeDate(e.dischargeDate()).build();
    }

    static org.openiop.events.Track event(Track track) {
        return switch (track) {
            case ADULT -> org.openiop.events.Track.ADULT;
            case ADOLESCENT -> org.openiop.events.Track.ADOLESCENT;
        };
    }

    static org.openiop.events.EnrolmentStatus event(EnrolmentStatus status) {
        return switch (status) {
            case ACTIVE -> org.openiop.events.EnrolmentStatus.ACTIVE;
            case DISCHARGED -> org.openiop.events.EnrolmentStatus.DISCHARGED;
        };
    }
}
