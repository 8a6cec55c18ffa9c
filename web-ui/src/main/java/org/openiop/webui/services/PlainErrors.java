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
            "start and end must differ", "The quiet hours must start and end at different times.",
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
        lateEntry(problem, plain);
        return plain;
    }

    /** The field of a late entry's reason on every form that may enter something after it happened. */
    public static final String LATE_ENTRY_REASON = "lateEntryReason";

    private static final java.util.regex.Pattern DAYS = java.util.regex.Pattern.compile("more than (\\d+) days");

    /**
     * The late-entry refusals (ADR 0012) in a coordinator's words: a record of something already past needs a reason,
     * a reason is refused for something still ahead, and beyond the window only an administrator may enter it.
     */
    static void lateEntry(Problem problem, Map<String, String> plain) {
        String code = String.valueOf(problem.code());
        switch (code) {
            case "session-in-past" -> {
                // the day or session is right; what is missing is the reason (the summary says it is a late entry)
                plain.clear();
                plain.put(LATE_ENTRY_REASON, "This session has already taken place: please say why it is entered late.");
            }
            case "late-entry-reason-required" -> plain.put(LATE_ENTRY_REASON,
                    "This booking was entered late, so its attendance is a late entry too: please say why.");
            case "late-entry-window-passed" -> {
                java.util.regex.Matcher days = DAYS.matcher(String.valueOf(problem.detail())
                        + problem.byField().values());
                String window = days.find() ? days.group(1) + " days" : "the allowed time";
                plain.replaceAll((field, message) -> "This took place more than " + window
                        + " ago: only an administrator can enter it now.");
            }
            default -> {
                if (problem.byField().getOrDefault(LATE_ENTRY_REASON, "").contains("only for")) {
                    plain.put(LATE_ENTRY_REASON, "Leave this empty: a reason for late entry is only for a session "
                            + "that has already taken place.");
                }
            }
        }
    }

    private static final java.util.regex.Pattern INSTANT = java.util.regex.Pattern
            .compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2})");

    /**
     * A service's sentence for the top of a form without what only an engineer reads: known refusals in plain words,
     * otherwise the detail with UTC instants (the service's clock, not the program's) and field names in brackets
     * taken out.
     */
    public static String summary(Problem problem) {
        String code = String.valueOf(problem.code());
        switch (code) {
            case "session-in-past":
                return "This session has already taken place: enter it as a late entry, with the reason.";
            case "late-entry-reason-required":
                return "This booking was entered late: recording its attendance needs the reason for the late entry.";
            case "late-entry-window-passed":
                Map<String, String> plain = new LinkedHashMap<>();
                plain.put("x", "");
                lateEntry(problem, plain);
                return plain.get("x");
            default:
                break;
        }
        String text = problem.detail() != null && !problem.detail().isBlank() ? problem.detail() : problem.title();
        if (text == null || text.isBlank()) {
            return "The service refused the request.";
        }
        text = text.replaceAll("\\s*\\([^)]*\\d{4}-\\d{2}-\\d{2}T[^)]*\\)", "")
                .replaceAll("\\s*\\([a-z]+[A-Z]\\w*\\)", "");
        text = INSTANT.matcher(text).replaceAll("the time given");
        return text;
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
        String s = words(INSTANT.matcher(message.trim().replaceAll("\\s*\\([^)]*\\d{4}-\\d{2}-\\d{2}T[^)]*\\)", ""))
                .replaceAll("the time given"));
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
