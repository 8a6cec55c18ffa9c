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

    /** Bean Validation's bounds, said as a person would. */
    private static final Map<java.util.regex.Pattern, String> BOUNDS = Map.of(
            java.util.regex.Pattern.compile("must be greater than or equal to (\\d+)"), "This must be at least $1.",
            java.util.regex.Pattern.compile("must be less than or equal to (\\d+)"), "This must be at most $1.",
            java.util.regex.Pattern.compile("size must be between 0 and (\\d+)"), "Please keep this to $1 characters.");

    private static final java.util.regex.Pattern IDENTIFIER =
            java.util.regex.Pattern.compile("\\b[a-z]+(?:[A-Z][a-z]*)+\\b");

    private PlainErrors() {
    }

    /** Field names inside a message in words: "endTime must be after startTime" -> "end time must be after start time". */
    static String words(String message) {
        java.util.regex.Matcher m = IDENTIFIER.matcher(message.replace("rrule", "repeat rule"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String w = m.group().replaceAll("Id$", "").replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(w));
        }
        m.appendTail(out);
        return out.toString();
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
        for (Map.Entry<java.util.regex.Pattern, String> bound : BOUNDS.entrySet()) {
            java.util.regex.Matcher m = bound.getKey().matcher(message.trim());
            if (m.matches()) {
                return m.replaceFirst(bound.getValue());
            }
        }
        String s = words(message.trim());
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
