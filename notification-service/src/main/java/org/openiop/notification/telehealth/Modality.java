package org.openiop.notification.telehealth;

/** How a session is held (notification's own copy of the session events' modality). */
public enum Modality {
    IN_PERSON, TELEHEALTH, HYBRID
}
