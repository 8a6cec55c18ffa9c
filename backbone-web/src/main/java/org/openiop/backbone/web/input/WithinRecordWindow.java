package org.openiop.backbone.web.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAccessor;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A day or instant of the programs' business (a session, series, closure, attendance, certification) within
 * {@code iop.input.record-window-years} (10) years around today; null is left to @NotNull.
 */
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Constraint(validatedBy = WithinRecordWindow.Check.class)
public @interface WithinRecordWindow {

    String message() default "must lie within the configured window of years around today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, so the policy is injected. */
    class Check implements ConstraintValidator<WithinRecordWindow, TemporalAccessor> {

        private final InputPolicy policy;

        public Check(InputPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isValid(TemporalAccessor value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            LocalDate day = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC).toLocalDate()
                    : value instanceof OffsetDateTime time ? time.toLocalDate() : LocalDate.from(value);
            return policy.withinRecordWindow(day);
        }
    }
}
