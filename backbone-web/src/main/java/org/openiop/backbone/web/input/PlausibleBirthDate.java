package org.openiop.backbone.web.input;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A date of birth between {@code iop.input.earliest-date} (1900-01-01) and today; null is left to @NotNull. */
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Constraint(validatedBy = PlausibleBirthDate.Check.class)
public @interface PlausibleBirthDate {

    String message() default "must be a date of birth between 1900-01-01 and today";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Created by Spring's constraint validator factory, so the policy is injected. */
    class Check implements ConstraintValidator<PlausibleBirthDate, LocalDate> {

        private final InputPolicy policy;

        public Check(InputPolicy policy) {
            this.policy = policy;
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || policy.plausibleBirth(value);
        }
    }
}
