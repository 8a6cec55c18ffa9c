package org.openiop.scheduling.series;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.openiop.scheduling.session.SessionType;
import org.openiop.scheduling.session.SessionService;
import org.openiop.scheduling.session.SessionSlot;

/** A client's recurring series: the slot it books, the days it spans and whether it is still running. */
public record Series(UUID id, UUID programId, UUID clientId, SessionType type, String block, LocalTime startTime,
        LocalTime endTime, String topic, UUID clinicianId, UUID roomId, Integer capacity, LocalDate firstDay,
        LocalDate lastDay, String status) {

    SessionService.Plan plan() {
        return new SessionService.Plan(type, new SessionSlot(block, startTime, endTime), capacity, topic, clinicianId,
                roomId);
    }
}
