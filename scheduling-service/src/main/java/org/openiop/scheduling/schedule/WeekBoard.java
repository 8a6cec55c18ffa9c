package org.openiop.scheduling.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.openiop.scheduling.program.BlockTemplate;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.session.SessionView;

/** The program's week at a glance: days by blocks, each cell the sessions in it with seats used of capacity. */
record WeekBoard(LocalDate weekStart, LocalDate weekEnd, String timeZone, List<Day> days) {

    public record Day(LocalDate date, boolean closed, List<Cell> blocks) {
    }

    /** One block of one day; block CUSTOM holds sessions at custom times. */
    public record Cell(String block, List<SessionView> sessions, int seatsUsed, int capacity) {
    }

    public static WeekBoard build(Program program, LocalDate weekStart, List<SessionView> sessions,
            java.util.function.Predicate<LocalDate> closed) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate day = weekStart.plusDays(i);
            List<Cell> cells = new ArrayList<>();
            for (BlockTemplate block : program.blocks()) {
                cells.add(cell(block.name(), sessions.stream()
                        .filter(s -> s.date().equals(day) && block.name().equals(s.block())).toList()));
            }
            List<SessionView> custom = sessions.stream().filter(s -> s.date().equals(day)
                    && (s.block() == null || program.block(s.block()).isEmpty())).toList();
            if (!custom.isEmpty()) {
                cells.add(cell("CUSTOM", custom));
            }
            days.add(new Day(day, closed.test(day), cells));
        }
        return new WeekBoard(weekStart, weekStart.plusDays(6), program.timeZone(), days);
    }

    private static Cell cell(String block, List<SessionView> sessions) {
        return new Cell(block, sessions, sessions.stream().mapToInt(SessionView::seatsUsed).sum(),
                sessions.stream().filter(Objects::nonNull).mapToInt(SessionView::capacity).sum());
    }
}
