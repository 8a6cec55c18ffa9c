package org.openiop.backbone.web.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON is read as written: a number is not a date (20260101 is not an epoch day), an enum is named, not numbered, 1.5
 * is not an integer, and a body is one document. Every text refuses control characters (NUL and the like; tab and
 * line breaks are fine), and every date must lie within the {@link InputPolicy}'s plausible range, so no value that
 * PostgreSQL or date arithmetic would choke on gets past the parser. The failure names the field.
 */
public class StrictJson implements JsonMapperBuilderCustomizer {

    private final InputPolicy policy;

    public StrictJson(InputPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void customize(JsonMapper.Builder builder) {
        builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .withCoercionConfig(LogicalType.DateTime, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .addModule(new SimpleModule("iop-input-policy").setDeserializerModifier(new Checks(policy)));
    }

    /** Whether a text holds a control character other than tab, line feed and carriage return. */
    public static boolean hasControlCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static final class Checks extends ValueDeserializerModifier {

        private final InputPolicy policy;

        Checks(InputPolicy policy) {
            this.policy = policy;
        }

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == String.class || type == LocalDate.class || type == Instant.class
                    || type == OffsetDateTime.class || type == ZonedDateTime.class || type == LocalDateTime.class) {
                return new Checked(deserializer, policy);
            }
            return deserializer;
        }
    }

    private static final class Checked extends DelegatingDeserializer {

        private final InputPolicy policy;

        Checked(ValueDeserializer<?> delegate, InputPolicy policy) {
            super(delegate);
            this.policy = policy;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Checked(delegate, policy);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext context) {
            return check(p, super.deserialize(p, context));
        }

        private Object check(JsonParser p, Object value) {
            boolean ok = switchCheck(value);
            if (!ok) {
                throw InvalidFormatException.from(p, value instanceof String
                        ? "control characters are not allowed" : "date must be " + policy.plausibleRange(),
                        value instanceof String ? "(text)" : value, value.getClass());
            }
            return value;
        }

        private boolean switchCheck(Object value) {
            if (value instanceof String text) {
                return !hasControlCharacter(text);
            }
            if (value instanceof LocalDate date) {
                return policy.plausible(date);
            }
            if (value instanceof Instant instant) {
                return policy.plausible(instant);
            }
            if (value instanceof OffsetDateTime time) {
                return policy.plausible(time.toInstant());
            }
            if (value instanceof ZonedDateTime time) {
                return policy.plausible(time.toInstant());
            }
            if (value instanceof LocalDateTime time) {
                return policy.plausible(time.toInstant(ZoneOffset.UTC));
            }
            return true;
        }
    }
}
