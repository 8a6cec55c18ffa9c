package org.openiop.scheduling.makeup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MakeupPlannerTest {

    private static final Instant MONDAY = Instant.parse("2030-01-07T14:00:00Z");

    private static Candidate at(int hoursAfterMonday, int minutes) {
        Instant start = MONDAY.plusSeconds(hoursAfterMonday * 3600L);
        return new Candidate(UUID.randomUUID(), "GROUP", LocalDate.of(2030, 1, 7), null, start,
                start.plusSeconds(minutes * 60L), 1, minutes, null, null);
    }

    @Test
    void fewestSessionsFirstThenEarliestAndNoSupersets() {
        Candidate a = at(0, 180);
        Candidate b = at(24, 90);
        Candidate c = at(48, 90);
        Candidate d = at(72, 180);
        List<MakeupPlanner.Option> options = MakeupPlanner.plan(List.of(d, c, b, a), 180, 3, 10);
        assertThat(options).extracting(o -> o.sessions().size()).containsExactly(1, 1, 2);
        assertThat(options.get(0).sessions()).containsExactly(a);
        assertThat(options.get(1).sessions()).containsExactly(d);
        // b + c reaches 180; a set with a or d in it would be a superset of a one-session option
        assertThat(options.get(2).sessions()).containsExactly(b, c);
    }

    @Test
    void overlappingSessionsNeverShareAnOptionAndNothingIsOfferedWithoutAShortfall() {
        Candidate a = at(0, 180);
        Candidate sameTime = at(0, 180);
        assertThat(MakeupPlanner.plan(List.of(a, sameTime), 360, 3, 10)).isEmpty();
        assertThat(MakeupPlanner.plan(List.of(a), 0, 3, 10)).isEmpty();
        assertThat(MakeupPlanner.plan(List.of(a, at(5, 180), at(30, 180)), 360, 3, 2)).hasSize(2);
    }
}
