package org.openiop.attendance.booking;

/** Block a booked session sits on; CUSTOM for custom times or a program's own block. */
public enum Block {
    MORNING, EVENING, CUSTOM
}
