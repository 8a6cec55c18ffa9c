package org.openiop.backbone.web.input;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.core.convert.converter.Converter;

/**
 * Query and path parameters of type LocalDate (a week, a range, a day) are ISO dates within the policy's plausible
 * range; anything else fails conversion, which the problem handler reports as a 400 naming the parameter.
 */
public class PlausibleDateParameters implements Converter<String, LocalDate> {

    private final InputPolicy policy;

    public PlausibleDateParameters(InputPolicy policy) {
        this.policy = policy;
    }

    @Override
    public LocalDate convert(String source) {
        String text = source.strip();
        if (text.isEmpty()) {
            return null;
        }
        LocalDate date = LocalDate.parse(text);
        if (!policy.plausible(date)) {
            throw new DateTimeParseException("date must be " + policy.plausibleRange(), text, 0);
        }
        return date;
    }
}
