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
    /** Make-up times offered to the client: a link to their page, where they choose one (offer package). */
    public static final String MAKEUP_OFFER = "MAKEUP_OFFER";
    /** A seat held for the client from a waitlist: a link to their page, where they accept or decline (hold package). */
    public static final String WAITLIST_HOLD = "WAITLIST_HOLD";
    /** The detail a WAITLIST_HOLD carries: until when the seat is held (ISO instant), shown as {until}. */
    public static final String HELD_UNTIL = "heldUntil";

    private MessageKind() {
    }

    /** The template a kind is written with: every REMINDER_xx shares one. */
    public static String template(String kind) {
        return kind.startsWith(REMINDER_PREFIX) ? "REMINDER" : kind;
    }

    /** Client kinds that carry the client's page link: session messages, make-up offers and held seats. */
    public static boolean carriesClientLink(String kind) {
        return aboutSession(kind) || kind.equals(MAKEUP_OFFER) || kind.equals(WAITLIST_HOLD);
    }

    /** Kinds that describe a booked session and carry a calendar attachment by email. */
    public static boolean aboutSession(String kind) {
        return kind.startsWith(REMINDER_PREFIX) || kind.equals(CONFIRMATION) || kind.equals(CHANGE_NOTICE)
                || kind.equals(CANCELLATION);
    }
}
