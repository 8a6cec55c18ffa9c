package org.openiop.scheduling.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openiop.backbone.web.RuleViolation;

class RecurrenceRuleTest {

    private static final LocalDate MONDAY = LocalDate.of(2027, 2, 1);

    @Test
    void monWedFriForTwelveWeeksIsThirtySixDays() {
        RecurrenceRule rule = RecurrenceRule.weeklyOn(List.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));
        assertThat(rule.text()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE,FR");
        List<LocalDate> days = rule.days(MONDAY, MONDAY, MONDAY.plusWeeks(12).minusDays(1));
        assertThat(days).hasSize(36).first().isEqualTo(MONDAY);
        assertThat(days).last().isEqualTo(LocalDate.of(2027, 4, 23));
    }

    @Test
    void aTypedRuleKeepsItsCount() {
        RecurrenceRule rule = RecurrenceRule.parse("RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5", "rrule");
        assertThat(rule.bounded()).isTrue();
        assertThat(rule.days(MONDAY, MONDAY, MONDAY.plusYears(1))).containsExactly(LocalDate.of(2027, 2, 2),
                LocalDate.of(2027, 2, 4), LocalDate.of(2027, 2, 9), LocalDate.of(2027, 2, 11),
                LocalDate.of(2027, 2, 16));
    }

    @Test
    void daysFromAStepDownDateOnly() {
        RecurrenceRule rule = RecurrenceRule.weeklyOn(List.of(DayOfWeek.MONDAY));
        LocalDate from = MONDAY.plusDays(3);
        assertThat(rule.days(from, from, MONDAY.plusWeeks(3))).containsExactly(MONDAY.plusWeeks(1),
                MONDAY.plusWeeks(2), MONDAY.plusWeeks(3));
    }

    @Test
    void aMalformedRuleNamesItsField() {
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=XX", "rrule"))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).errors().get(0).field()).isEqualTo("rrule"));
        assertThatThrownBy(() -> RecurrenceRule.weeklyOn(List.of())).isInstanceOf(RuleViolation.class);
    }
}
