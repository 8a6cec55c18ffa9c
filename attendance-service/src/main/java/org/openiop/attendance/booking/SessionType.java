package org.openiop.attendance.booking;

/** Kind of a booked session, as attendance knows it (mapped from the session events in {@link BookingEvents}). */
public enum SessionType {
    GROUP, INDIVIDUAL, FAMILY
}
