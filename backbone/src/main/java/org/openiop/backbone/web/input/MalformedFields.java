package org.openiop.backbone.web.input;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.openiop.backbone.web.RuleViolation.FieldProblem;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson stops at the first value it cannot read. To name every faulty field in one answer, the body is read again
 * as a tree and each top-level field of the request record is read on its own; each failure is reported with its
 * path (e.g. {@code blocks[1].startTime}).
 */
public final class MalformedFields {

    private MalformedFields() {
    }

    /** The faulty fields of {@code body} for the handler's request body type; empty if they cannot be told apart. */
    public static List<FieldProblem> of(JsonMapper mapper, HandlerMethod handler, byte[] body) {
        if (handler == null || body == null || body.length == 0) {
            return List.of();
        }
        Type target = null;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                target = parameter.getGenericParameterType();
            }
        }
        if (!(target instanceof Class<?> type) || !type.isRecord()) {
            return List.of();
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(body);
        } catch (JacksonException e) {
            return List.of();
        }
        if (tree == null || !tree.isObject()) {
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = tree.get(component.getName());
            if (value == null) {
                continue;
            }
            try {
                mapper.readerFor(mapper.constructType(component.getGenericType())).readValue(value);
            } catch (JacksonException e) {
                problems.add(new FieldProblem(component.getName() + path(e), message(e)));
            }
        }
        return problems;
    }

    /** The path of a failure inside a value, as {@code .name} and {@code [index]} steps. */
    public static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? "." + ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
    }

    /** A fixed text per kind of failure: the caller's value is never echoed back. */
    public static String message(JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.contains("control characters")) {
            return "must not contain control characters";
        }
        if (original.startsWith("date must be")) {
            return original;
        }
        if (original.contains("out of range")) {
            return "is a number out of range";
        }
        return "has a value of the wrong type or format";
    }
}
