package org.openiop.notification.program;

/**
 * Published in-process (same transaction) when a program's details (zone, location label, phone, name) arrive or
 * change, so messages waiting for them look again at once.
 */
public record ProgramDetailsChanged(String programId) {
}
