package org.openiop.notification.program;

/** Published in-process (same transaction) when staff change a program's notification settings. */
public record ProgramSettingsChanged(String programId) {
}
