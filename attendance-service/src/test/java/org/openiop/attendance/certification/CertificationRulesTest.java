package org.openiop.attendance.certification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class CertificationRulesTest {

    @Test
    void aCertificationIsDueTwoCalendarMonthsAfterItWasSigned() {
        assertThat(CertificationRules.dueDate(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 6, 30)))
                .isEqualTo(LocalDate.of(2026, 3, 15));
    }

    @Test
    void theEndOfMonthIsClampedNotRolledOver() {
        assertThat(CertificationRules.dueDate(LocalDate.of(2025, 12, 31), LocalDate.of(2026, 6, 30)))
                .isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void aShorterCertifiedPeriodIsDueAtItsEnd() {
        assertThat(CertificationRules.dueDate(LocalDate.of(2026, 1, 15), LocalDate.of(2026, 2, 20)))
                .isEqualTo(LocalDate.of(2026, 2, 20));
    }

    @Test
    void dueWithinFourteenDaysIncludesTheFourteenthDayAndAnythingOverdue() {
        LocalDate today = LocalDate.of(2026, 3, 1);
        assertThat(CertificationRules.dueSoon(today.plusDays(14), today, 14)).isTrue();
        assertThat(CertificationRules.dueSoon(today.plusDays(15), today, 14)).isFalse();
        assertThat(CertificationRules.dueSoon(today.minusDays(3), today, 14)).isTrue();
    }
}
