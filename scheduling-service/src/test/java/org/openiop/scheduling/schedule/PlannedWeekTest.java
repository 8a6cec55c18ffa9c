package org.openiop.scheduling.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openiop.scheduling.program.ProgramCalendar;

class PlannedWeekTest {

    private final ProgramCalendar calendar = new ProgramCalendar(ZoneId.of("America/New_York"), DayOfWeek.MONDAY);
    private final LocalDate monday = LocalDate.of(2027, 3, 8);

    private ProgramCalendar.Interval evening(LocalDate day) {
        return calendar.interval(day, LocalTime.of(18, 0), LocalTime.of(21, 0));
    }

    @Test
    void threeEveningsReachTheAdultMinimum() {
        List<PlannedWeek> weeks = PlannedWeek.plan(calendar, monday.plusDays(2), 1, 540, monday.minusWeeks(2), null,
                3, List.of(evening(monday), evening(monday.plusDays(2)), evening(monday.plusDays(4))));
        assertThat(weeks).singleElement().satisfies(w -> {
            assertThat(w.weekStart()).isEqualTo(monday);
            assertThat(w.plannedMinutes()).isEqualTo(540);
            assertThat(w.plannedSessions()).isEqualTo(3);
            assertThat(w.reachesMinimum()).isTrue();
            assertThat(w.partialWeek()).isFalse();
        });
    }

    @Test
    void twoEveningsFallThreeHoursShortAndTheNextWeekIsEmpty() {
        List<PlannedWeek> weeks = PlannedWeek.plan(calendar, monday, 2, 540, monday.minusWeeks(2), null, 2,
                List.of(evening(monday), evening(monday.plusDays(2))));
        assertThat(weeks.get(0).shortfallMinutes()).isEqualTo(180);
        assertThat(weeks.get(0).reachesMinimum()).isFalse();
        assertThat(weeks.get(1).plannedMinutes()).isZero();
        assertThat(weeks.get(1).shortfallMinutes()).isEqualTo(540);
    }

    @Test
    void aWeekWithTheAdmissionInsideIsPartial() {
        assertThat(PlannedWeek.plan(calendar, monday, 1, 360, monday.plusDays(2), null, 3, List.of()).get(0)
                .partialWeek()).isTrue();
    }

    @Test
    void aSessionAcrossTheSpringChangeCountsItsRealMinutes() {
        LocalDate sunday = LocalDate.of(2027, 3, 14);
        var night = calendar.interval(sunday, LocalTime.of(0, 30), LocalTime.of(3, 30));
        assertThat(PlannedWeek.plan(calendar, sunday, 1, 540, monday, null, 1, List.of(night)).get(0)
                .plannedMinutes()).isEqualTo(120);
    }
}
