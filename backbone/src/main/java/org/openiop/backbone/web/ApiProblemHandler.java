package org.openiop.backbone.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;
import tools.jackson.databind.DatabindException;

/**
 * Every error an API caller can cause comes back as RFC 9457 problem+json with, where a field is to blame, an
 * {@code errors} list naming each field. Database rule violations (exclusion, check and unique constraints) are
 * translated by constraint name, so the rule that PostgreSQL enforced is the one the caller reads.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final Map<String, RuleViolation> constraints;

    public ApiProblemHandler(ObjectProvider<ConstraintMessages> messages) {
        this.constraints = messages.orderedStream().flatMap(m -> m.byConstraint().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation violation) {
        return problem(violation.status(), violation.code(), violation.getMessage(), violation.errors());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(DataIntegrityViolationException e) {
        String name = constraintName(e);
        RuleViolation known = name == null ? null : constraints.get(name);
        if (known != null) {
            return ruleViolation(known);
        }
        log.warn("Unmapped database constraint {}: {}", name, e.getMostSpecificCause().getClass().getSimpleName());
        return problem(HttpStatus.CONFLICT, "constraint-" + (name == null ? "unknown" : name),
                "The request conflicts with data already stored (" + name + ")", List.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<RuleViolation.FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new RuleViolation.FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "a valid value" : e.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST, "invalid-" + e.getName(), e.getName() + " must be " + expected,
                List.of(new RuleViolation.FieldProblem(e.getName(), "must be " + expected)));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<RuleViolation.FieldProblem> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors()
                .forEach(f -> errors.add(new RuleViolation.FieldProblem(f.getField(), f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> errors.add(new RuleViolation.FieldProblem(g.getObjectName(), g.getDefaultMessage())));
        return asObject(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<RuleViolation.FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new RuleViolation.FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return asObject(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid parameters", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message = "has a value of the wrong type or format";
            return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-field", field + " " + message,
                    List.of(new RuleViolation.FieldProblem(field, message))));
        }
        return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-body",
                "The request body is not valid JSON for this operation", List.of()));
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, String code, String detail,
            List<RuleViolation.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        // A code may carry a field path such as blocks[0].endTime: keep the type URI valid whatever it holds.
        problem.setType(URI.create("https://openiop.org/problems/" + code.replaceAll("[^A-Za-z0-9._-]", "-")));
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }

    private static String constraintName(DataIntegrityViolationException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof PSQLException psql) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                return server == null ? null : server.getConstraint();
            }
            t = t instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : t.getCause();
        }
        return null;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
