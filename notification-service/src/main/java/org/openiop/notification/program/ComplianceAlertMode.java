package org.openiop.notification.program;

/** How a program's compliance officers hear about clients falling short: each change at once, or once a day. */
public enum ComplianceAlertMode {
    IMMEDIATE, DAILY_DIGEST
}
