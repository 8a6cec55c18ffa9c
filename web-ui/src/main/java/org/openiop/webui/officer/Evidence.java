package org.openiop.webui.officer;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The part of attendance-service's client evidence ({@code /api/clients/{id}/evidence}) the drill-down shows: per
 * week the rule behind its status, per day the minutes and services against the daily threshold and per-diem tiers.
 */
record Evidence(String clientId, List<ProgramEvidence> programs) {

    record ProgramEvidence(String programId, int dailyThresholdMinutes, List<WeekEvidence> weeks) {
    }

    record WeekEvidence(LocalDate weekStart, String status, String rule, int qualifyingDays,
            boolean meetsThreeDayRule, int threeServiceDays, int fourOrMoreServiceDays, List<DayEvidence> days) {
    }

    record DayEvidence(LocalDate date, int attendedMinutes, int sessionsAttended, boolean qualifies,
            String perDiemTier) {
    }

    /** A physician's certification of need and when re-certification is due. */
    record Certification(String programId, LocalDate certifiedOn, String certifyingClinicianId,
            LocalDate periodStart, LocalDate periodEnd, LocalDate dueDate) {
    }

    Optional<WeekEvidence> week(String programId, LocalDate weekStart) {
        return programs.stream().filter(p -> p.programId().equals(programId))
                .flatMap(p -> p.weeks().stream()).filter(w -> w.weekStart().equals(weekStart)).findFirst();
    }

    Optional<Integer> dailyThreshold(String programId) {
        return programs.stream().filter(p -> p.programId().equals(programId))
                .map(ProgramEvidence::dailyThresholdMinutes).findFirst();
    }
}
