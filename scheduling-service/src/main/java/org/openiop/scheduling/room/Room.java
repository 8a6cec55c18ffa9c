package org.openiop.scheduling.room;

import java.util.UUID;

public record Room(UUID id, UUID programId, String name, int capacity, boolean active) {
}
