package org.openiop.attendance.compliance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openiop.attendance.compliance.ComplianceInput.BookingOutcome;
import org.openiop.attendance.compliance.ComplianceInput.BookingTimes;
import org.openiop.attendance.compliance.ComplianceInput.EnrolmentSaved;
import org.openiop.attendance.compliance.ComplianceRepository.SessionRow;

/**
 * Sibling programs (issue 17): a client may take a session in another program their program allows. Its minutes count
 * toward the client's own program week, so a session of a program the client has no enrolment in is filed under the
 * program the client is enrolled in (the latest admission; one met earlier in the same batch first). A session of a
 * program the client is enrolled in, or of a client not enrolled yet, keeps its own program (the sibling session of a
 * client whose enrolment event has not arrived yet stays under the sibling: the enrolment topic comes first in
 * practice, as a client is enrolled before being booked).
 */
final class SiblingSessions {

    private SiblingSessions() {
    }

    static List<? extends ComplianceInput> homed(List<? extends ComplianceInput> inputs, ComplianceRepository store) {
        Set<String> clients = new HashSet<>();
        for (ComplianceInput input : inputs) {
            if (input.session() != null) {
                clients.add(input.session().clientId());
            }
        }
        if (clients.isEmpty()) {
            return inputs;
        }
        Map<String, List<String>> enrolled = new HashMap<>(store.enrolledPrograms(clients));
        List<ComplianceInput> homed = new ArrayList<>(inputs.size());
        for (ComplianceInput input : inputs) {
            if (input instanceof EnrolmentSaved e) {
                List<String> programs = new ArrayList<>(enrolled.getOrDefault(e.clientId(), List.of()));
                programs.remove(e.programId());
                programs.add(0, e.programId());
                enrolled.put(e.clientId(), programs);
            }
            SessionRow row = input.session();
            List<String> programs = row == null ? List.of() : enrolled.getOrDefault(row.clientId(), List.of());
            if (programs.isEmpty() || programs.contains(row.programId())) {
                homed.add(input);
            } else if (input instanceof BookingTimes b) {
                homed.add(new BookingTimes(b.eventId(), in(row, programs.get(0))));
            } else if (input instanceof BookingOutcome o) {
                homed.add(new BookingOutcome(o.eventId(), in(row, programs.get(0)), o.outcome(), o.revision(),
                        o.checkedInAt(), o.checkedOutAt(), o.minutes(), o.missedReason(), o.automatic(),
                        o.recordedAt()));
            } else {
                homed.add(input);
            }
        }
        return homed;
    }

    private static SessionRow in(SessionRow row, String programId) {
        return new SessionRow(row.bookingId(), row.sessionId(), row.clientId(), programId, row.sessionType(),
                row.block(), row.startsAt(), row.endsAt(), row.timeZone(), row.weekStart(), row.cancelled());
    }
}
