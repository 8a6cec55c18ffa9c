package org.openiop.scheduling.enrolment;

import java.util.UUID;

/** Published inside the discharge transaction, so queues the client waits in let them go before it commits. */
public record ClientLeft(UUID clientId) {
}
