package org.openiop.webui;

import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.dialect.AbstractProcessorDialect;
import org.thymeleaf.engine.AttributeName;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.processor.IProcessor;
import org.thymeleaf.processor.element.AbstractAttributeTagProcessor;
import org.thymeleaf.processor.element.IElementTagStructureHandler;
import org.thymeleaf.standard.StandardDialect;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Ties a form field to its error line for screen readers, the same way on every page: {@code iop:field="name"} on an
 * input, select, textarea or fieldset says {@code aria-invalid="true"} and adds {@code name-error} to its
 * {@code aria-describedby} (keeping any hint already named there) when the page's {@code errors} map has an error for
 * {@code name}; the error line itself is {@code fragments/field :: error('name')}. Where the error lives elsewhere
 * (one row of a table), {@code iop:error="${...}"} gives the error line's id, or null when the field is fine.
 *
 * <p>Runs after the standard dialect on the same element (a higher dialect precedence), so it sees the
 * {@code aria-describedby} that {@code th:attr} wrote.
 */
@Component
class FieldErrorDialect extends AbstractProcessorDialect {

    public FieldErrorDialect() {
        super("OpenIOP field errors", "iop", StandardDialect.PROCESSOR_PRECEDENCE + 1000);
    }

    @Override
    public Set<IProcessor> getProcessors(String prefix) {
        return Set.of(new Field(prefix), new ErrorId(prefix));
    }

    /** The id of the error line of field {@code name}. */
    public static String errorId(String name) {
        return name + "-error";
    }

    static void tie(IProcessableElementTag tag, IElementTagStructureHandler handler, String errorId) {
        if (errorId == null || errorId.isBlank()) {
            return;
        }
        String described = tag.getAttributeValue("aria-describedby");
        handler.setAttribute("aria-invalid", "true");
        handler.setAttribute("aria-describedby",
                described == null || described.isBlank() ? errorId : described + " " + errorId);
    }

    static Object evaluate(ITemplateContext context, String value) {
        if (value == null) {
            return null;
        }
        if (!value.contains("${") && !value.contains("'")) {
            return value.trim();
        }
        return StandardExpressions.getExpressionParser(context.getConfiguration()).parseExpression(context, value)
                .execute(context);
    }

    /** {@code iop:field="name"}: invalid when the page's {@code errors} map names this field. */
    static final class Field extends AbstractAttributeTagProcessor {

        Field(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "field", true, 100, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                String value, IElementTagStructureHandler handler) {
            Object name = evaluate(context, value);
            Object errors = context.getVariable("errors");
            if (name != null && errors instanceof Map<?, ?> map && map.containsKey(name.toString())) {
                tie(tag, handler, errorId(name.toString()));
            }
        }
    }

    /** {@code iop:error="${bad ? 'x-error' : null}"}: invalid when the expression names an error line. */
    static final class ErrorId extends AbstractAttributeTagProcessor {

        ErrorId(String prefix) {
            super(TemplateMode.HTML, prefix, null, false, "error", true, 110, true);
        }

        @Override
        protected void doProcess(ITemplateContext context, IProcessableElementTag tag, AttributeName attributeName,
                String value, IElementTagStructureHandler handler) {
            Object id = evaluate(context, value);
            tie(tag, handler, id == null ? null : id.toString());
        }
    }
}
