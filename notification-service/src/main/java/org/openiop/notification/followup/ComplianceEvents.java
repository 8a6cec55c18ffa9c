package org.openiop.notification.followup;

import org.openiop.events.CertificationDue;
import org.openiop.events.WeeklyComplianceChanged;

/** The one translation of attendance's compliance events (Avro) into the followup package's own types. */
final class ComplianceEvents {

    private ComplianceEvents() {
    }

    static WeekStatusChange change(WeeklyComplianceChanged e) {
        return new WeekStatusChange(e.getClientId(), e.getProgramId(), e.getWeekStart(), e.getStatus().name(),
                e.getPreviousStatus() == null ? null : e.getPreviousStatus().name(), e.getAttendedMinutes(),
                e.getScheduledRemainingMinutes(), e.getMinimumMinutes(), e.getOccurredAt());
    }

    static CertificationDueNotice due(CertificationDue e) {
        return new CertificationDueNotice(e.getClientId(), e.getProgramId(), e.getDueDate(), e.getCertifiedOn());
    }
}
