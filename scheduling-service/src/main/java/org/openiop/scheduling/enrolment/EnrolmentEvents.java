package org.openiop.scheduling.enrolment;

import org.openiop.scheduling.program.Track;

/**
 * The one translation of scheduling's enrolment vocabulary to the events' Avro enums: exhaustive, so a value added on
 * either side stops the build here instead of reaching the API or the rules.
 */
final class EnrolmentEvents {

    private EnrolmentEvents() {
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
