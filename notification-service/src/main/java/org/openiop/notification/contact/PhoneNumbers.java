package org.openiop.notification.contact;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone numbers as SMS providers need them: valid for their country, in E.164 (+ country code, digits only). */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** The number in E.164 when it is a valid international number (it must start with +), else empty. */
    public static Optional<String> toE164(String input) {
        if (input == null || !input.strip().startsWith("+")) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(input.strip(), null);
            return UTIL.isValidNumber(number) ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
