package org.openiop.scheduling.program;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;


/** A program's settings as stored. */
public record Program(UUID id, String name, String timeZone, String locationLabel, String phone, DayOfWeek weekStart,
        int adultMinimumMinutes, int adolescentMinimumMinutes, int noShowGraceMinutes, int dailyThresholdMinutes,
        int stepDownAllowanceWeeks, int defaultGroupCapacity, List<BlockTemplate> blocks) {

    public ProgramCalendar calendar() {
        return new ProgramCalendar(ZoneId.of(timeZone), weekStart);
    }

    public Optional<BlockTemplate> block(String name) {
        return blocks.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public int minimumMinutes(Track track) {
        return track == Track.ADOLESCENT ? adolescentMinimumMinutes : adultMinimumMinutes;
    }
}
