package org.openiop.scheduling.enrolment;

import java.time.LocalDate;
import java.time.Period;

import org.openiop.scheduling.program.Track;

/** ASAM Level 2.1 puts clients under 18 on the adolescent track (6 hours a week) and adults on 9. */
final class Tracks {

    private Tracks() {
    }

    public static Track fromAgeAtAdmission(LocalDate dateOfBirth, LocalDate admissionDate) {
        return Period.between(dateOfBirth, admissionDate).getYears() < 18 ? Track.ADOLESCENT : Track.ADULT;
    }
}
