package org.openiop.scheduling.closure;

import java.time.LocalDate;
import java.util.UUID;

import org.openiop.scheduling.session.ClosedDays;
import org.springframework.stereotype.Component;

/** Closed days as the session package asks for them ({@link ClosedDays}). */
@Component
class ClosureCalendar implements ClosedDays {

    private final ClosureRepository closures;

    ClosureCalendar(ClosureRepository closures) {
        this.closures = closures;
    }

    @Override
    public boolean closed(UUID programId, LocalDate day) {
        return closures.covering(programId, day).isPresent();
    }
}
