package org.openiop.webui.services;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A service's RFC 9457 problem document, as the backbone writes it: a code and the errors field by field. */
public record Problem(String title, String detail, String code, Integer status, List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }

    /** Messages by field name, the first one per field, for a form to show beside its inputs. */
    public Map<String, String> byField() {
        Map<String, String> fields = new LinkedHashMap<>();
        if (errors != null) {
            for (FieldError e : errors) {
                if (e.field() != null) {
                    fields.putIfAbsent(e.field(), e.message());
                }
            }
        }
        return fields;
    }

    /** One sentence for the top of a form. */
    public String summary() {
        return PlainErrors.summary(this);
    }
}
