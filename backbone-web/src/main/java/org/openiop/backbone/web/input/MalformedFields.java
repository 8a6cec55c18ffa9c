package org.openiop.backbone.web.input;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.openiop.backbone.web.RuleViolation.FieldProblem;
import org.springframework.core.MethodParameter;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jackson stops at the first value it cannot read, and bean validation never runs on a body Jackson could not read.
 * To name every faulty field in one answer, the body is read again as a tree and each top-level field of the request
 * record is read on its own; each failure is reported with its path (e.g. {@code blocks[1].startTime}). Then the
 * record is built from the fields that could be read and validated as the controller would validate it ({@code @Valid}
 * or {@code @Validated}), so a blank required field is named beside a malformed date.
 */
public final class MalformedFields {

    private MalformedFields() {
    }

    /** The faulty fields of {@code body} for the handler's request body type; empty if they cannot be told apart. */
    public static List<FieldProblem> of(JsonMapper mapper, HandlerMethod handler, byte[] body) {
        return of(mapper, null, handler, body);
    }

    /**
     * The faulty fields of {@code body}: those that cannot be read, then (with a {@code validator}) the bean
     * validation failures of the fields that could, as the handler would have validated them.
     */
    public static List<FieldProblem> of(JsonMapper mapper, Validator validator, HandlerMethod handler, byte[] body) {
        if (handler == null || body == null || body.length == 0) {
            return List.of();
        }
        Type target = null;
        MethodParameter bodyParameter = null;
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                target = parameter.getGenericParameterType();
                bodyParameter = parameter;
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
        Set<String> unreadable = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonNode value = tree.get(component.getName());
            if (value == null) {
                continue;
            }
            try {
                mapper.readerFor(mapper.constructType(component.getGenericType())).readValue(value);
            } catch (JacksonException e) {
                problems.add(new FieldProblem(component.getName() + path(e), message(e)));
                unreadable.add(component.getName());
            }
        }
        Class<?>[] groups = validationGroups(bodyParameter);
        if (validator != null && !problems.isEmpty() && groups != null) {
            problems.addAll(invalidReadableFields(mapper, validator, type, (ObjectNode) tree.deepCopy(), unreadable,
                    groups));
        }
        return problems;
    }

    /** Bean validation of the record read without its unreadable fields; those are named already, so left out. */
    private static List<FieldProblem> invalidReadableFields(JsonMapper mapper, Validator validator, Class<?> type,
            ObjectNode readable, Set<String> unreadable, Class<?>[] groups) {
        unreadable.forEach(readable::remove);
        Object value;
        try {
            value = mapper.readerFor(type).readValue(readable);
        } catch (RuntimeException e) {
            // e.g. a record constructor that refuses the remaining values: the unreadable fields are still named
            return List.of();
        }
        List<FieldProblem> problems = new ArrayList<>();
        validator.validate(value, groups).stream()
                .filter(v -> !v.getPropertyPath().toString().isEmpty())
                .filter(v -> !unreadable.contains(topLevel(v.getPropertyPath().toString())))
                .sorted(Comparator.comparing((ConstraintViolation<Object> v) -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
        return problems;
    }

    /** The groups the handler validates its body with; null when it does not validate it at all. */
    private static Class<?>[] validationGroups(MethodParameter parameter) {
        if (parameter == null) {
            return null;
        }
        Validated validated = parameter.getParameterAnnotation(Validated.class);
        if (validated != null) {
            return validated.value();
        }
        return parameter.hasParameterAnnotation(Valid.class) ? new Class<?>[0] : null;
    }

    private static String topLevel(String path) {
        int end = path.length();
        for (char stop : new char[] { '.', '[' }) {
            int at = path.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
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
