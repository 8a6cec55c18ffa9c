package org.openiop.scheduling.program;

import java.time.LocalTime;
import java.util.List;

/** A named part of the day sessions are placed on, e.g. MORNING 09:00-12:00. */
public record BlockTemplate(String name, LocalTime startTime, LocalTime endTime) {

    public static final List<BlockTemplate> DEFAULTS = List.of(
            new BlockTemplate("MORNING", LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new BlockTemplate("EVENING", LocalTime.of(18, 0), LocalTime.of(21, 0)));
}
