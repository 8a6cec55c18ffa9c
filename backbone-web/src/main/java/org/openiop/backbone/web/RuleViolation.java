package org.openiop.backbone.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A request that breaks a rule of the domain: rendered as problem+json with a stable {@code code} and, where a field
 * is to blame, the field. Nothing has been stored when this is thrown.
 */
public class RuleViolation extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<FieldProblem> errors;

    public RuleViolation(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(HttpStatus.CONFLICT, code, detail, List.of());
    }

    public static RuleViolation invalid(String field, String detail) {
        return new RuleViolation(HttpStatus.BAD_REQUEST, "invalid-" + field, detail,
                List.of(new FieldProblem(field, detail)));
    }

    public static RuleViolation unprocessable(String code, String field, String detail) {
        return new RuleViolation(HttpStatus.UNPROCESSABLE_CONTENT, code, detail,
                field == null ? List.of() : List.of(new FieldProblem(field, detail)));
    }

    public static RuleViolation notFound(String field, String what, Object id) {
        return new RuleViolation(HttpStatus.NOT_FOUND, "not-found", what + " " + id + " does not exist",
                field == null ? List.of() : List.of(new FieldProblem(field, what + " " + id + " does not exist")));
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One field's problem, as listed under {@code errors} in the problem document. */
    public record FieldProblem(String field, String message) {
    }
}
