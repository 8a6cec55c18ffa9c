package org.openiop.attendance.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.attendance.compliance.ComplianceRules.Enrolment;
import org.openiop.attendance.compliance.ComplianceRules.SessionFact;
import org.openiop.attendance.compliance.ComplianceRules.WeekEvaluation;
import org.openiop.attendance.compliance.ComplianceRepository.WeekRow;
import org.openiop.events.WeeklyComplianceChanged;

/**
 * What judging one client-week reads and writes. {@link ComplianceRepository#direct} asks the database on every call (the
 * week closer, a rebuild's announcements); {@link ComplianceRepository#preload} reads a chunk of a batch's weeks in a
 * handful of queries and collects the writes, which go out as one statement per table (week rows, announcement marks,
 * outbox rows), so a batch of a thousand events is a few round trips, not thousands.
 */
interface WeekFacts {

    Optional<WeekRow> week(String clientId, String programId, LocalDate weekStart);

    Optional<Enrolment> enrolment(String clientId, String programId, Instant weekEnds);

    Map<LocalDate, ComplianceStatus> statusesBefore(String clientId, String programId, LocalDate weekStart, int weeks);

    List<SessionFact> sessionsOfWeek(String clientId, String programId, LocalDate weekStart);

    Optional<ComplianceStatus> announced(String clientId, String programId, LocalDate weekStart);

    void saveWeek(String clientId, String programId, WeekEvaluation e, Instant closesAt, Instant reopenedAt,
            Instant now);

    /** Marks the status as announced and puts the announcement in the outbox (same transaction). */
    void announce(String clientId, String programId, LocalDate weekStart, ComplianceStatus status,
            WeeklyComplianceChanged announcement);
}
