package org.openiop.scheduling.enrolment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.program.Track;

class TracksTest {

    @Test
    void underEighteenAtAdmissionIsAdolescent() {
        assertThat(Tracks.fromAgeAtAdmission(LocalDate.of(2010, 6, 2), LocalDate.of(2028, 6, 1)))
                .isEqualTo(Track.ADOLESCENT);
    }

    @Test
    void eighteenOnTheDayOfAdmissionIsAdult() {
        assertThat(Tracks.fromAgeAtAdmission(LocalDate.of(2010, 6, 1), LocalDate.of(2028, 6, 1)))
                .isEqualTo(Track.ADULT);
    }
}
