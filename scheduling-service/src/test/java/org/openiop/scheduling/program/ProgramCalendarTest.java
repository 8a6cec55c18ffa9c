package org.openiop.scheduling.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class ProgramCalendarTest {

    private final ProgramCalendar newYork = new ProgramCalendar(ZoneId.of("America/New_York"), DayOfWeek.MONDAY);

    @Test
    void anEveningBlockIsSixPmLocalOnBothSidesOfTheSpringChange() {
        var before = newYork.interval(LocalDate.of(2027, 3, 12), LocalTime.of(18, 0), LocalTime.of(21, 0));
        var after = newYork.interval(LocalDate.of(2027, 3, 15), LocalTime.of(18, 0), LocalTime.of(21, 0));
        assertThat(before.start().toString()).isEqualTo("2027-03-12T23:00:00Z");
        assertThat(after.start().toString()).isEqualTo("2027-03-15T22:00:00Z");
        assertThat(before.minutes()).isEqualTo(180);
        assertThat(after.minutes()).isEqualTo(180);
    }

    @Test
    void aBlockAcrossTheClockChangeCountsItsRealMinutes() {
        var springNight = newYork.interval(LocalDate.of(2027, 3, 14), LocalTime.of(0, 30), LocalTime.of(3, 30));
        var autumnNight = newYork.interval(LocalDate.of(2027, 11, 7), LocalTime.of(0, 30), LocalTime.of(3, 30));
        assertThat(springNight.minutes()).isEqualTo(120);
        assertThat(autumnNight.minutes()).isEqualTo(240);
    }

    @Test
    void aTimeInTheSpringGapMovesForward() {
        var gap = newYork.interval(LocalDate.of(2027, 3, 14), LocalTime.of(2, 30), LocalTime.of(4, 0));
        assertThat(newYork.localTime(gap.start())).isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void theProgramWeekRunsFromItsStartDayAtMidnightLocalAndADstWeekIsAnHourShort() {
        ProgramCalendar.Week week = newYork.weekOf(LocalDate.of(2027, 3, 14)); // a Sunday
        assertThat(week.firstDay()).isEqualTo(LocalDate.of(2027, 3, 8));
        assertThat(week.lastDay()).isEqualTo(LocalDate.of(2027, 3, 14));
        assertThat(Duration.between(week.start(), week.end())).isEqualTo(Duration.ofHours(167));
        ProgramCalendar sundayWeeks = new ProgramCalendar(ZoneId.of("America/New_York"), DayOfWeek.SUNDAY);
        assertThat(sundayWeeks.weekOf(LocalDate.of(2027, 3, 14)).firstDay()).isEqualTo(LocalDate.of(2027, 3, 14));
    }

    @Test
    void minutesWithinClipToTheWeek() {
        var block = newYork.interval(LocalDate.of(2027, 3, 14), LocalTime.of(22, 0), LocalTime.of(23, 30));
        ProgramCalendar.Week week = newYork.weekOf(LocalDate.of(2027, 3, 14));
        assertThat(block.minutesWithin(week.start(), week.end())).isEqualTo(90);
        assertThat(block.minutesWithin(week.end(), week.end().plusSeconds(3600))).isZero();
    }

    @Test
    void anEndNotAfterItsStartIsRefused() {
        assertThatThrownBy(() -> newYork.interval(LocalDate.of(2027, 1, 4), LocalTime.of(12, 0), LocalTime.of(9, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
