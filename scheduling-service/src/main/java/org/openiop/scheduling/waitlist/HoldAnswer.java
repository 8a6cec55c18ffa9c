package org.openiop.scheduling.waitlist;

import java.util.UUID;

/**
 * The client's answer to a held seat, translated once from the event by {@link HoldAnswerListener}; the client is the
 * event's text, compared with the entry's own.
 */
record HoldAnswer(UUID entryId, String clientId, boolean accept, String answeredBy) {
}
