package org.openiop.attendance.booking;

/** Where a session takes place: in the room, by video (telehealth), or both. */
public enum Modality {
    IN_PERSON, TELEHEALTH, HYBRID
}
