package org.openiop.webui;

import java.util.Map;

import org.springframework.stereotype.Component;

/** Ties a form field to its error for screen readers; used from templates as {@code @fe}. */
@Component("fe")
public class FieldErrorsHelper {

    /** "true" when the field has an error, otherwise nothing (the attribute is left out). */
    public String invalid(Map<String, String> errors, String field) {
        return errors != null && errors.containsKey(field) ? "true" : null;
    }

    /** The id of the field's error line, when it has one. */
    public String by(Map<String, String> errors, String field) {
        return errors != null && errors.containsKey(field) ? field + "-error" : null;
    }
}
