package org.openiop.notification.delivery;

/**
 * A composed message ready for a channel.
 *
 * @param to       address (email: one or more, comma-separated; SMS: an E.164 number)
 * @param calendar the .ics text for session emails, or null
 * @param cancel   whether the calendar entry is a cancellation (METHOD:CANCEL)
 */
record OutgoingMessage(String to, String subject, String text, String calendar, boolean cancel) {
}
