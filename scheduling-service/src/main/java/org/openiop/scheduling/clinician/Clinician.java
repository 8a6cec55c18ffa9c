package org.openiop.scheduling.clinician;

import java.util.UUID;

public record Clinician(UUID id, UUID programId, String displayName, boolean active) {
}
