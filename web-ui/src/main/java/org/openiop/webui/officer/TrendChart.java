package org.openiop.webui.officer;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A weekly trend as an inline SVG bar chart: one bar per week (attended minutes), a dashed line at each week's
 * minimum. Pure arithmetic, so the page needs no chart library and the numbers are tested without a browser.
 */
record TrendChart(int width, int height, List<Bar> bars, String minimumPath, int scaleMinutes) {

    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    private static final int TOP = 10;
    private static final int BOTTOM = 30;
    private static final int LEFT = 10;

    /** One week's bar; {@code attended} null means no data for the week (drawn as an empty slot). */
    record Bar(LocalDate weekStart, Integer attended, Integer minimum, String status, int x, int y,
            int barWidth, int barHeight, boolean met) {
    }

    record Week(LocalDate weekStart, Integer attendedMinutes, Integer minimumMinutes, String status) {
    }

    public static TrendChart of(List<Week> weeks) {
        int scale = 60;
        for (Week w : weeks) {
            scale = Math.max(scale, w.attendedMinutes() == null ? 0 : w.attendedMinutes());
            scale = Math.max(scale, w.minimumMinutes() == null ? 0 : w.minimumMinutes());
        }
        int plot = HEIGHT - TOP - BOTTOM;
        int n = Math.max(1, weeks.size());
        int slot = (WIDTH - 2 * LEFT) / n;
        int barWidth = Math.max(4, slot * 3 / 5);
        List<Bar> bars = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < weeks.size(); i++) {
            Week w = weeks.get(i);
            int x = LEFT + i * slot + (slot - barWidth) / 2;
            int h = w.attendedMinutes() == null ? 0 : (int) Math.round((double) w.attendedMinutes() * plot / scale);
            bars.add(new Bar(w.weekStart(), w.attendedMinutes(), w.minimumMinutes(), w.status(), x,
                    TOP + plot - h, barWidth, h, w.attendedMinutes() != null && w.minimumMinutes() != null
                            && w.attendedMinutes() >= w.minimumMinutes()));
            if (w.minimumMinutes() != null) {
                int y = TOP + plot - (int) Math.round((double) w.minimumMinutes() * plot / scale);
                path.append(path.isEmpty() ? "M" : " L").append(LEFT + i * slot).append(' ').append(y)
                        .append(" L").append(LEFT + (i + 1) * slot).append(' ').append(y);
            }
        }
        return new TrendChart(WIDTH, HEIGHT, bars, path.toString(), scale);
    }

    public int labelY() {
        return HEIGHT - 10;
    }
}
