package org.openiop.programweek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ProgramWeekTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

    @ParameterizedTest(name = "{0} in a {1}-start week -> {2}")
    @CsvSource({
            // a Wednesday
            "2026-03-11, MONDAY, 2026-03-09",
            "2026-03-11, SUNDAY, 2026-03-08",
            // the start day itself opens its own week
            "2026-03-09, MONDAY, 2026-03-09",
            "2026-03-08, SUNDAY, 2026-03-08",
            // a Sunday is the last day of a Monday week
            "2026-03-08, MONDAY, 2026-03-02",
            // a Saturday is the last day of a Sunday week
            "2026-03-14, SUNDAY, 2026-03-08",
            // across a year end
            "2027-01-01, MONDAY, 2026-12-28",
            "2027-01-02, SUNDAY, 2026-12-27"
    })
    void firstDayIsTheLatestStartDayOnOrBefore(LocalDate day, DayOfWeek weekStart, LocalDate first) {
        ProgramWeek week = ProgramWeek.containing(day, weekStart, NEW_YORK);
        assertThat(week.firstDay()).isEqualTo(first);
        assertThat(week.lastDay()).isEqualTo(first.plusDays(6));
        assertThat(week.contains(day)).isTrue();
        assertThat(ProgramWeek.firstDayOf(day, weekStart)).isEqualTo(first);
    }

    @Test
    void anOrdinaryWeekIs168HoursFromLocalMidnight() {
        ProgramWeek week = ProgramWeek.containing(LocalDate.parse("2026-06-17"), DayOfWeek.MONDAY, NEW_YORK);
        assertThat(week.start()).isEqualTo(Instant.parse("2026-06-15T04:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-06-22T04:00:00Z"));
        assertThat(week.length()).isEqualTo(Duration.ofHours(168));
    }

    @ParameterizedTest(name = "{0} week of {1} starting {2}: {3}h, {4} to {5}")
    @CsvSource({
            // New York springs forward Sunday 2026-03-08 02:00 -> 03:00
            "America/New_York, 2026-03-08, MONDAY, 167, 2026-03-02T05:00:00Z, 2026-03-09T04:00:00Z",
            "America/New_York, 2026-03-08, SUNDAY, 167, 2026-03-08T05:00:00Z, 2026-03-15T04:00:00Z",
            // New York falls back Sunday 2026-11-01 02:00 -> 01:00
            "America/New_York, 2026-11-01, MONDAY, 169, 2026-10-26T04:00:00Z, 2026-11-02T05:00:00Z",
            "America/New_York, 2026-11-01, SUNDAY, 169, 2026-11-01T04:00:00Z, 2026-11-08T05:00:00Z",
            // Auckland falls back Sunday 2026-04-05 03:00 -> 02:00 (NZDT +13 -> NZST +12)
            "Pacific/Auckland, 2026-04-05, MONDAY, 169, 2026-03-29T11:00:00Z, 2026-04-05T12:00:00Z",
            "Pacific/Auckland, 2026-04-05, SUNDAY, 169, 2026-04-04T11:00:00Z, 2026-04-11T12:00:00Z",
            // Auckland springs forward Sunday 2026-09-27 02:00 -> 03:00 (NZST +12 -> NZDT +13)
            "Pacific/Auckland, 2026-09-27, MONDAY, 167, 2026-09-20T12:00:00Z, 2026-09-27T11:00:00Z",
            "Pacific/Auckland, 2026-09-27, SUNDAY, 167, 2026-09-26T12:00:00Z, 2026-10-03T11:00:00Z"
    })
    void aWeekAcrossADaylightSavingChangeHasItsRealLength(ZoneId zone, LocalDate day, DayOfWeek weekStart, long hours,
            Instant start, Instant end) {
        ProgramWeek week = ProgramWeek.containing(day, weekStart, zone);
        assertThat(week.start()).isEqualTo(start);
        assertThat(week.end()).isEqualTo(end);
        assertThat(week.length()).isEqualTo(Duration.ofHours(hours));
    }

    @Test
    void theSameInstantFallsInTheWeekOfTheProgramsOwnZone() {
        // Saturday 23:30 in New York is already Sunday afternoon in Auckland
        Instant at = Instant.parse("2026-03-08T04:30:00Z");
        assertThat(ProgramWeek.containing(at, DayOfWeek.SUNDAY, NEW_YORK).firstDay())
                .isEqualTo(LocalDate.parse("2026-03-01"));
        assertThat(ProgramWeek.containing(at, DayOfWeek.SUNDAY, AUCKLAND).firstDay())
                .isEqualTo(LocalDate.parse("2026-03-08"));
    }

    @Test
    void theInstantAWeekEndsBelongsToTheNextWeek() {
        ProgramWeek week = ProgramWeek.containing(LocalDate.parse("2026-11-01"), DayOfWeek.SUNDAY, NEW_YORK);
        assertThat(week.contains(week.start())).isTrue();
        assertThat(week.contains(week.end().minusNanos(1))).isTrue();
        assertThat(week.contains(week.end())).isFalse();
        assertThat(ProgramWeek.containing(week.end(), DayOfWeek.SUNDAY, NEW_YORK)).isEqualTo(week.next());
    }

    @Test
    void aWeekStartingOnADayWithoutMidnightStartsAtItsFirstValidInstant() {
        // Sao Paulo sprang forward at midnight on Sunday 2018-11-04: that day began at 01:00 local (-02:00)
        ProgramWeek week = ProgramWeek.startingOn(LocalDate.parse("2018-11-04"), ZoneId.of("America/Sao_Paulo"));
        assertThat(week.start()).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
        assertThat(week.length()).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void weeksTileTimeWithoutGapOrOverlapForTwoYearsInBothZonesAndBothStartDays() {
        for (ZoneId zone : new ZoneId[] {NEW_YORK, AUCKLAND}) {
            for (DayOfWeek weekStart : new DayOfWeek[] {DayOfWeek.SUNDAY, DayOfWeek.MONDAY}) {
                ProgramWeek week = ProgramWeek.containing(LocalDate.parse("2026-01-01"), weekStart, zone);
                for (int i = 0; i < 104; i++) {
                    ProgramWeek next = week.next();
                    assertThat(week.firstDay().getDayOfWeek()).isEqualTo(weekStart);
                    assertThat(next.start()).isEqualTo(week.end());
                    assertThat(week.length().toHours()).isBetween(167L, 169L);
                    assertThat(week.plusWeeks(1)).isEqualTo(next);
                    for (LocalDate d = week.firstDay(); !d.isAfter(week.lastDay()); d = d.plusDays(1)) {
                        assertThat(ProgramWeek.containing(d, weekStart, zone)).isEqualTo(week);
                        assertThat(week.contains(ProgramWeek.begins(d, zone))).isTrue();
                    }
                    week = next;
                }
            }
        }
    }

    @Test
    void aWeekMustEndAfterItStarts() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> new ProgramWeek(LocalDate.parse("2026-01-01"), NEW_YORK, t, t))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
