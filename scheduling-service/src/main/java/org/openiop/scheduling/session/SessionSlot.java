package org.openiop.scheduling.session;

import java.time.LocalDate;
import java.time.LocalTime;

import org.openiop.backbone.web.RuleViolation;
import org.openiop.scheduling.program.BlockTemplate;
import org.openiop.scheduling.program.Program;
import org.openiop.scheduling.program.ProgramCalendar;

/**
 * Where a session sits in the day: on one of the program's blocks, or at custom times (block null).
 */
public record SessionSlot(String block, LocalTime startTime, LocalTime endTime) {

    /**
     * Resolves a request's block or custom times against the program's templates. Refuses (400) a request giving both,
     * neither, an unknown block, or an end not after its start; the field named is the one to fix.
     */
    public static SessionSlot resolve(Program program, String block, LocalTime startTime, LocalTime endTime) {
        if (block != null && !block.isBlank()) {
            if (startTime != null || endTime != null) {
                throw RuleViolation.invalid("block", "give either block or startTime/endTime, not both");
            }
            BlockTemplate template = program.block(block).orElseThrow(() -> RuleViolation.invalid("block",
                    "block " + block + " is not one of the program's blocks " + program.blocks().stream()
                            .map(BlockTemplate::name).toList()));
            return new SessionSlot(template.name(), template.startTime(), template.endTime());
        }
        if (startTime == null) {
            throw RuleViolation.invalid("startTime", "startTime is required when no block is given");
        }
        if (endTime == null) {
            throw RuleViolation.invalid("endTime", "endTime is required when no block is given");
        }
        if (!endTime.isAfter(startTime)) {
            throw RuleViolation.invalid("endTime", "endTime must be after startTime");
        }
        return new SessionSlot(null, startTime, endTime);
    }

    public ProgramCalendar.Interval on(LocalDate day, ProgramCalendar calendar) {
        return calendar.interval(day, startTime, endTime);
    }
}
