package org.openiop.notification.contact;

/** Published in-process (same transaction) when a client's contact preferences change, so plans follow them. */
public record ContactChanged(String clientId) {
}
