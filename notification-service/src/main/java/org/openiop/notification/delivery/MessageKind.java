package org.openiop.notification.delivery;

/**
 * Kinds of message besides the reminders themselves (whose kind names their offset, see
 * {@code ReminderPolicy.reminderKind}). Each kind has its own template.
 */
public final class MessageKind {

    public static final String REMINDER_PREFIX = "REMINDER_";
    public static final String CONFIRMATION = "CONFIRMATION";
    public static final String CHANGE_NOTICE = "CHANGE_NOTICE";
    public static final String CANCELLATION = "CANCELLATION";
    public static final String MISSED_FOLLOW_UP = "MISSED_FOLLOW_UP";
    public static final String STAFF_MISSED_ALERT = "STAFF_MISSED_ALERT";
    public static final String COMPLIANCE_ALERT = "COMPLIANCE_ALERT";
    public static final String COMPLIANCE_DIGEST = "COMPLIANCE_DIGEST";

    private MessageKind() {
    }

    /** The template a kind is written with: every REMINDER_xx shares one. */
    public static String template(String kind) {
        return kind.startsWith(REMINDER_PREFIX) ? "REMINDER" : kind;
    }

    /** Kinds that describe a booked session and carry a calendar attachment by email. */
    public static boolean aboutSession(String kind) {
        return kind.startsWith(REMINDER_PREFIX) || kind.equals(CONFIRMATION) || kind.equals(CHANGE_NOTICE)
                || kind.equals(CANCELLATION);
    }
}
