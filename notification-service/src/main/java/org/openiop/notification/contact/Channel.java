package org.openiop.notification.contact;

/** How a message reaches its recipient. */
public enum Channel {
    EMAIL, SMS
}
