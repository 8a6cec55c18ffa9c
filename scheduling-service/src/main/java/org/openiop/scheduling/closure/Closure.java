package org.openiop.scheduling.closure;

import java.time.LocalDate;
import java.util.UUID;

/** Days a program is closed (holiday, staff training), inclusive. The reason stays in this service. */
public record Closure(UUID id, UUID programId, LocalDate firstDay, LocalDate lastDay, String reason) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(firstDay) && !day.isAfter(lastDay);
    }
}
