package org.openiop.scheduling.offer;

import java.util.UUID;

/**
 * The client's choice of an offered option, translated once from the event by {@link OfferChoiceListener}; the
 * program and client are the event's text, compared with the offer's own.
 */
record OfferChoice(UUID offerId, String programId, String clientId, int optionNumber, String chosenBy) {
}
