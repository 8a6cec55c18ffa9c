package org.openiop.webui.officer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class TrendChartTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 2);

    @Test
    void barsAreScaledToTheLargestValueAndMarkedMetOnlyWhenTheMinimumIsReached() {
        TrendChart chart = TrendChart.of(List.of(
                new TrendChart.Week(MONDAY, 270, 540, "BELOW_MINIMUM"),
                new TrendChart.Week(MONDAY.plusWeeks(1), 540, 540, "MET"),
                new TrendChart.Week(MONDAY.plusWeeks(2), null, null, null)));

        assertThat(chart.scaleMinutes()).isEqualTo(540);
        TrendChart.Bar half = chart.bars().get(0);
        TrendChart.Bar full = chart.bars().get(1);
        assertThat(full.barHeight()).isEqualTo(2 * half.barHeight());
        assertThat(half.met()).isFalse();
        assertThat(full.met()).isTrue();
        assertThat(chart.bars().get(2).barHeight()).isZero();
        assertThat(full.y() + full.barHeight()).isEqualTo(half.y() + half.barHeight());
    }

    @Test
    void theMinimumLineRunsAtTheMinimumsHeightOverTheWeeksThatHaveOne() {
        TrendChart chart = TrendChart.of(List.of(new TrendChart.Week(MONDAY, 600, 540, "MET")));
        TrendChart.Bar bar = chart.bars().get(0);
        int minimumY = bar.y() + bar.barHeight() - (int) Math.round(540.0 * bar.barHeight() / 600);
        assertThat(chart.minimumPath()).startsWith("M").contains(" " + minimumY);
    }
}
