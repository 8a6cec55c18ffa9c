package org.openiop.notification.program;

import java.time.ZoneId;

/**
 * What texts may say about a program: a neutral location label and a phone number. The name (null until an event
 * carries it) is for staff and officer alerts only, never for client texts.
 */
public record Program(String programId, ZoneId timeZone, String locationLabel, String phone, String name) {
}
