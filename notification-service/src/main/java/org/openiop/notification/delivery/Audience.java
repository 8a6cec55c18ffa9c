package org.openiop.notification.delivery;

/** Who a message is for: the client (contact details and consent apply) or staff / compliance officers. */
public enum Audience {
    CLIENT, STAFF, OFFICER
}
