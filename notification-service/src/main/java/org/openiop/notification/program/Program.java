package org.openiop.notification.program;

import java.time.ZoneId;

/** What texts may say about a program: a neutral location label and a phone number. */
public record Program(String programId, ZoneId timeZone, String locationLabel, String phone) {
}
