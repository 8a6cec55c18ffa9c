package org.openiop.attendance.attendance;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/**
 * The attendance records as other packages read them (evidence, FHIR): the one read API on {@code attendance_revision},
 * which only this package names in SQL (issue 16).
 */
@Component
public class AttendanceReader {

    private final AttendanceRevisionRepository revisions;

    AttendanceReader(AttendanceRevisionRepository revisions) {
        this.revisions = revisions;
    }

    /** Every revision of each of the bookings that has any, oldest first. */
    public Map<String, List<AttendanceRevision>> histories(Collection<String> bookingIds) {
        return bookingIds.isEmpty() ? Map.of()
                : revisions.histories(bookingIds).stream()
                        .collect(Collectors.groupingBy(AttendanceRevision::bookingId));
    }

    /** The current (highest) revision of each of the bookings that has one. */
    public Map<String, AttendanceRevision> current(Collection<String> bookingIds) {
        return bookingIds.isEmpty() ? Map.of()
                : revisions.current(bookingIds).stream()
                        .collect(Collectors.toMap(AttendanceRevision::bookingId, Function.identity()));
    }
}
