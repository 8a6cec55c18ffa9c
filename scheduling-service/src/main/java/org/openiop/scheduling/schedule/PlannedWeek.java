package org.openiop.scheduling.schedule;

import java.time.LocalDate;
import java.util.List;

import org.openiop.scheduling.program.ProgramCalendar;

/**
 * A client's plan for one program week against the weekly minimum, so staff see before the week starts that the
 * booked sessions cannot reach 9 hours (adults) or 6 (adolescents).
 *
 * @param plannedMinutes real minutes of booked sessions inside the week (a block across a DST change counts its real
 *                       length)
 * @param shortfallMinutes minutes missing to the minimum, 0 when the plan reaches it
 * @param partialWeek    admission or planned discharge falls inside the week: shown, not a shortfall to act on
 * @param phaseSessionsPerWeek sessions a week the client's current phase plans
 */
record PlannedWeek(LocalDate weekStart, LocalDate weekEnd, long plannedMinutes, int plannedSessions,
        int minimumMinutes, long shortfallMinutes, boolean reachesMinimum, boolean partialWeek,
        int phaseSessionsPerWeek) {

    /** Plans the weeks starting with the one containing {@code from}. */
    public static List<PlannedWeek> plan(ProgramCalendar calendar, LocalDate from, int weeks, int minimum,
            LocalDate admission, LocalDate plannedDischarge, int phaseSessionsPerWeek,
            List<ProgramCalendar.Interval> booked) {
        ProgramCalendar.Week first = calendar.weekOf(from);
        return java.util.stream.IntStream.range(0, weeks).mapToObj(i -> {
            ProgramCalendar.Week week = calendar.weekOf(first.firstDay().plusWeeks(i));
            long minutes = 0;
            int sessions = 0;
            for (ProgramCalendar.Interval interval : booked) {
                long inside = interval.minutesWithin(week.start(), week.end());
                if (inside > 0) {
                    minutes += inside;
                    sessions++;
                }
            }
            boolean partial = inside(admission, week) && admission.isAfter(week.firstDay())
                    || plannedDischarge != null && inside(plannedDischarge, week)
                            && plannedDischarge.isBefore(week.lastDay());
            long shortfall = Math.max(0, minimum - minutes);
            return new PlannedWeek(week.firstDay(), week.lastDay(), minutes, sessions, minimum, shortfall,
                    shortfall == 0, partial, phaseSessionsPerWeek);
        }).toList();
    }

    private static boolean inside(LocalDate day, ProgramCalendar.Week week) {
        return !day.isBefore(week.firstDay()) && !day.isAfter(week.lastDay());
    }
}
