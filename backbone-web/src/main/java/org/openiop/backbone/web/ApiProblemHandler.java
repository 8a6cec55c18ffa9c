package org.openiop.backbone.web;

import java.net.URI;
import java.sql.SQLException;
import java.time.DateTimeException;
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

import org.openiop.backbone.web.input.MalformedFields;
import org.openiop.backbone.web.input.RequestGuard;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error an API caller can cause comes back as RFC 9457 problem+json with, where a field is to blame, an
 * {@code errors} list naming each field. Database rule violations (exclusion, check and unique constraints) are
 * translated by constraint name, so the rule that PostgreSQL enforced is the one the caller reads.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    private final Map<String, RuleViolation> constraints;
    private final ObjectProvider<JsonMapper> mapper;
    private final ObjectProvider<Validator> validator;

    public ApiProblemHandler(ObjectProvider<ConstraintMessages> messages, ObjectProvider<JsonMapper> mapper,
            ObjectProvider<Validator> validator) {
        this.mapper = mapper;
        this.validator = validator;
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
        String state = sqlState(e);
        if (name == null && state != null && state.startsWith("22")) {
            // A data exception (value out of range, bad encoding...): the input policy should have caught it first.
            log.warn("Request refused by the database as invalid data (SQLSTATE {})", state);
            return problem(HttpStatus.BAD_REQUEST, "invalid-value", "A value in the request cannot be stored",
                    List.of());
        }
        if (name == null && "23502".equals(state)) {
            String column = column(e);
            log.warn("Request lacked a required value (column {})", column);
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                    List.of(new RuleViolation.FieldProblem(column == null ? "request" : column, "must not be null")));
        }
        log.warn("Unmapped database constraint {}: {}", name, e.getMostSpecificCause().getClass().getSimpleName());
        return problem(HttpStatus.CONFLICT, "constraint-" + (name == null ? "unknown" : name),
                "The request conflicts with data already stored (" + name + ")", List.of());
    }

    @ExceptionHandler(RequestGuard.BodyTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestGuard.BodyTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The request body is too large", List.of());
    }

    /** A last guard: a date that passed parsing but broke date arithmetic is the caller's value, not a fault here. */
    @ExceptionHandler({ DateTimeException.class, ArithmeticException.class })
    ResponseEntity<ProblemDetail> impossibleValue(RuntimeException e) {
        log.warn("Request refused: a value broke date or number arithmetic ({})", e.getClass().getSimpleName());
        return problem(HttpStatus.BAD_REQUEST, "invalid-value", "A value in the request is out of range", List.of());
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
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("date must be")) {
                expected = "a date " + t.getMessage().substring("date must be ".length());
            }
        }
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
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestGuard.BodyTooLarge tooLarge) {
                return asObject(tooLarge(tooLarge));
            }
        }
        List<RuleViolation.FieldProblem> fields = malformedFields(request);
        if (!fields.isEmpty()) {
            return asObject(problem(HttpStatus.BAD_REQUEST, "malformed-field", fields.stream()
                    .map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")), fields));
        }
        Throwable cause = e.getCause();
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = MalformedFields.path(jackson).substring(1);
            String message = MalformedFields.message(jackson);
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

    private List<RuleViolation.FieldProblem> malformedFields(WebRequest request) {
        JsonMapper json = mapper.getIfAvailable();
        if (json == null || !(request instanceof ServletWebRequest servlet)) {
            return List.of();
        }
        ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(servlet.getRequest(),
                ContentCachingRequestWrapper.class);
        Object handler = servlet.getRequest().getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
        return cached == null || !(handler instanceof HandlerMethod method) ? List.of()
                : MalformedFields.of(json,
                        validator.getIfUnique(() -> validator.orderedStream().findFirst().orElse(null)), method, cached.getContentAsByteArray());
    }

    private static String sqlState(DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String column(DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage().getColumn();
            }
        }
        return null;
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
