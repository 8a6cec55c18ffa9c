package org.openiop.backbone;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.openiop.events.Block;
import org.openiop.events.SessionScheduled;
import org.openiop.events.SessionType;

public final class TestEvents {

    private TestEvents() {
    }

    public static SessionScheduled scheduled(String clientId, String bookingId) {
        Instant start = Instant.parse("2026-12-01T14:00:00Z");
        return SessionScheduled.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setClientId(clientId).setProgramId("program-1")
                .setBookingId(bookingId).setSessionId(UUID.randomUUID().toString())
                .setSessionType(SessionType.GROUP).setBlock(Block.MORNING)
                .setStartsAt(start).setEndsAt(start.plus(3, ChronoUnit.HOURS))
                .setTimeZone("America/New_York").setSeriesId(null)
                .build();
    }
}
