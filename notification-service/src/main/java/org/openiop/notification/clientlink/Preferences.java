package org.openiop.notification.clientlink;

import org.openiop.notification.contact.ContactRequest;
import org.openiop.notification.contact.Language;

/**
 * A client's reminder preferences as the client page shows them. Addresses are not shown (staff keep them; the
 * page says only whether one is on file).
 *
 * @param email        reminders by email on
 * @param sms          reminders by text message on
 * @param emailOnFile  an email address is on file (email can be turned on)
 * @param phoneOnFile  a mobile number is on file (texts can be turned on)
 * @param smsOptedOut  the number replied STOP; turning texts on again lifts it
 */
record Preferences(boolean email, boolean sms, boolean emailOnFile, boolean phoneOnFile, boolean smsOptedOut,
        ContactRequest.QuietHoursRequest quietHours, Language language) {
}
