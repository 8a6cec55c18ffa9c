package org.openiop.webui.services;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's field errors in the words of the person filling in the form: Bean Validation's terse messages
 * ("must not be null") become sentences, keyed by the form field they belong to.
 */
public final class PlainErrors {

    private static final Map<String, String> MESSAGES = Map.of(
            "must not be null", "Please fill this in.",
            "must not be blank", "Please fill this in.",
            "must not be empty", "Please choose at least one.",
            "must be a past date", "This must be a date in the past.",
            "must be a well-formed email address", "This is not an email address (for example name@example.org).");

    private PlainErrors() {
    }

    public static Map<String, String> of(Problem problem) {
        Map<String, String> plain = new LinkedHashMap<>();
        problem.byField().forEach((field, message) -> plain.put(field, sentence(message)));
        return plain;
    }

    static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "Please check this.";
        }
        String known = MESSAGES.get(message.trim());
        if (known != null) {
            return known;
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
