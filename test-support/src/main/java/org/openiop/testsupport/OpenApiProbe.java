package org.openiop.testsupport;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.core.MethodParameter;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * A service's own OpenAPI document, read the way a generated client reads it: parsed with swagger-parser, compared
 * with the controllers it describes (each request body schema has exactly the fields of the record the controller
 * takes), used to validate real request bodies, and used to fuzz every documented operation with boundary and
 * malformed values (no 5xx, and no stored change after a 4xx).
 */
public final class OpenApiProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String authorization;
    private final String json;
    private final OpenAPI document;
    private final OpenApiInteractionValidator validator;
    private final Map<String, String> known = new LinkedHashMap<>();

    public OpenApiProbe(int port, String user, String password) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        Exchange docs = send("GET", "/v3/api-docs", null);
        if (docs.status() != 200) {
            throw new IllegalStateException("GET /v3/api-docs answered " + docs);
        }
        this.json = docs.answer();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException("OpenAPI document does not parse: " + result.getMessages());
        }
        this.document = result.getOpenAPI();
        // Bodies are what this checks; path parameters (filled in here with real ids) are the fuzz's business.
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(json)
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request.parameter", ValidationReport.Level.IGNORE)
                        .withLevel("validation.request.security", ValidationReport.Level.IGNORE).build())
                .build();
    }

    /** Real ids to use for parameters and body fields of these names (programId, clientId...), so the fuzz reaches
     * past the existence checks. */
    public OpenApiProbe withIds(Map<String, String> ids) {
        known.putAll(ids);
        return this;
    }

    public OpenAPI document() {
        return document;
    }

    /** Operations whose documented request or response body is not the record the controller uses. */
    public List<String> bodyMismatches(RequestMappingHandlerMapping mapping) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            for (String path : entry.getKey().getPatternValues()) {
                PathItem item = document.getPaths() == null ? null : document.getPaths().get(path);
                if (item == null) {
                    continue;
                }
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method.name()));
                    if (operation == null) {
                        continue;
                    }
                    for (MethodParameter parameter : handler.getMethodParameters()) {
                        if (parameter.hasParameterAnnotation(RequestBody.class)
                                && parameter.getParameterType().isRecord()) {
                            Schema<?> schema = operation.getRequestBody() == null ? null
                                    : jsonSchema(operation.getRequestBody().getContent());
                            compare(problems, method + " " + path + " request", schema,
                                    parameter.getParameterType(), true);
                        }
                    }
                    Class<?> returned = recordReturned(handler.getReturnType().getGenericParameterType());
                    if (returned != null && operation.getResponses() != null) {
                        operation.getResponses().forEach((status, response) -> {
                            if (status.startsWith("2") && response.getContent() != null) {
                                compare(problems, method + " " + path + " response " + status,
                                        jsonSchema(response.getContent()), returned, false);
                            }
                        });
                    }
                }
            }
        }
        return problems;
    }

    /** What the validator finds wrong with a request body as the document describes it (empty: valid). */
    public List<String> validate(String method, String path, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path)
                .withContentType("application/json").withAuthorization(authorization);
        if (body != null) {
            request.withBody(body);
        }
        ValidationReport report = validator.validateRequest(request.build());
        // the report also lists what the level resolver ignores (path parameters): leave those out
        return report.getMessages().stream().filter(m -> m.getLevel() != ValidationReport.Level.IGNORE)
                .map(m -> m.getKey() + ": " + m.getMessage()).toList();
    }

    /** A request and its answer. */
    public record Exchange(String method, String path, String body, int status, String answer) {
        @Override
        public String toString() {
            return method + " " + path + (body == null ? "" : " " + abbreviate(body)) + " -> " + status + " "
                    + abbreviate(answer);
        }
    }

    public Exchange send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(90)).header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Exchange(method, path, body, response.statusCode(), response.body());
        } catch (Exception e) {
            return new Exchange(method, path, body, 599, e.getClass().getSimpleName());
        }
    }

    /**
     * Every documented operation (streams excepted), each parameter and each top-level body field in turn given
     * boundary and malformed values. Returns each exchange that answered 5xx, or 4xx with a stored change.
     */
    public List<Exchange> fuzz(Supplier<String> storedState) {
        List<Exchange> failures = new ArrayList<>();
        String state = storedState.get();
        int sent = 0;
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                if (streams(operation)) {
                    continue;
                }
                String method = entry.getKey().name();
                List<Parameter> parameters = new ArrayList<>();
                if (path.getValue().getParameters() != null) {
                    parameters.addAll(path.getValue().getParameters());
                }
                if (operation.getParameters() != null) {
                    parameters.addAll(operation.getParameters());
                }
                Schema<?> bodySchema = operation.getRequestBody() == null ? null
                        : jsonSchema(operation.getRequestBody().getContent());
                List<String[]> variants = new ArrayList<>();
                Map<String, String> plausible = new LinkedHashMap<>();
                parameters.forEach(p -> plausible.put(p.getName(), plausibleParameter(p)));
                String baseBody = bodySchema == null ? null : plausibleBody(bodySchema);
                variants.add(new String[] { url(path.getKey(), parameters, plausible), baseBody });
                for (Parameter parameter : parameters) {
                    for (String bad : BAD_PARAMETERS) {
                        Map<String, String> values = new LinkedHashMap<>(plausible);
                        values.put(parameter.getName(), bad);
                        variants.add(new String[] { url(path.getKey(), parameters, values), baseBody });
                    }
                }
                if (bodySchema != null) {
                    String url = url(path.getKey(), parameters, plausible);
                    for (String malformed : List.of("{", "[]", "\"text\"", "{\"a\":1} {}", "null")) {
                        variants.add(new String[] { url, malformed });
                    }
                    for (String field : properties(bodySchema).keySet()) {
                        for (String bad : BAD_JSON_VALUES) {
                            variants.add(new String[] { url, replaceField(baseBody, field, bad) });
                        }
                    }
                }
                for (String[] variant : variants) {
                    Exchange exchange = send(method, variant[0], variant[1]);
                    sent++;
                    String after = storedState.get();
                    if (exchange.status() >= 500) {
                        failures.add(exchange);
                    } else if (exchange.status() >= 400 && !method.equals("GET") && !after.equals(state)) {
                        // (a GET stores nothing by design; between two GETs only the service's own background work,
                        // e.g. a projection catching up, can change rows, which is no fault of the request)
                        failures.add(new Exchange(method, variant[0], variant[1], exchange.status(),
                                "STORED A CHANGE: " + exchange.answer()));
                    }
                    state = after;
                }
            }
        }
        if (sent < 100) {
            throw new IllegalStateException("only " + sent + " requests were sent: is the document empty?");
        }
        return failures;
    }

    /** A digest of every row of every table in the schema, apart from the named ones (queues, audit, history). */
    public static Supplier<String> storedState(DataSource dataSource, Set<String> excludedTables) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return () -> {
            List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
                    String.class);
            StringBuilder digest = new StringBuilder();
            for (String table : tables) {
                if (excludedTables.contains(table) || table.startsWith("flyway")) {
                    continue;
                }
                digest.append(table).append('=').append(jdbc.queryForObject("SELECT md5(coalesce(string_agg(t::text, "
                        + "'|' ORDER BY t::text), '')) FROM \"" + table + "\" t", String.class)).append(';');
            }
            return digest.toString();
        };
    }

    private static final List<String> BAD_PARAMETERS = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
            "infinity", "a\u0000b", "99999999999999999999", "-1", "1.5", "not-a-uuid", "' OR 1=1--", "",
            "x".repeat(3000));

    private static final List<String> BAD_JSON_VALUES = List.of("20260101", "\"+999999999-12-31\"",
            "\"-999999999-01-01\"", "\"0000-01-01\"", "\"-infinity\"", "\"a\\u0000b\"", "4294967296",
            "99999999999999999999999", "1.5", "1", "-1", "true", "null", "[]", "{}", "\"not-a-uuid\"",
            "\"" + "y".repeat(5000) + "\"", "\"'; DROP TABLE x; --\"");

    private String url(String template, List<Parameter> parameters, Map<String, String> values) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (Parameter parameter : parameters) {
            String value = values.get(parameter.getName());
            if ("path".equals(parameter.getIn())) {
                path = path.replace("{" + parameter.getName() + "}",
                        value.isEmpty() ? "%20" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else if ("query".equals(parameter.getIn()) && value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(parameter.getName()).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return path + query;
    }

    private String plausibleParameter(Parameter parameter) {
        return plausible(resolve(parameter.getSchema()), parameter.getName()).replace("\"", "");
    }

    private String plausibleBody(Schema<?> schema) {
        Map<String, Schema> properties = properties(schema);
        return "{" + properties.entrySet().stream()
                .map(p -> "\"" + p.getKey() + "\":" + plausible(resolve(p.getValue()), p.getKey()))
                .collect(Collectors.joining(",")) + "}";
    }

    /** A value of the schema's type that a caller could plausibly send (JSON). */
    private String plausible(Schema<?> schema, String name) {
        if (known.containsKey(name)) {
            return "\"" + known.get(name) + "\"";
        }
        if (schema == null) {
            return "\"x\"";
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return "\"" + schema.getEnum().get(0) + "\"";
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() == null || schema.getTypes().isEmpty() ? "object" : schema.getTypes().iterator().next();
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "array" -> "[" + plausible(resolve(schema.getItems()), name) + "]";
            case "object" -> schema.getProperties() == null ? "{}" : plausibleBody(schema);
            default -> switch (format) {
                case "date" -> "\"" + LocalDate.now().plusDays(7) + "\"";
                case "date-time" -> "\"" + LocalDate.now().plusDays(7) + "T10:00:00Z\"";
                case "uuid" -> "\"" + UUID.randomUUID() + "\"";
                default -> name.toLowerCase().endsWith("time") ? "\"10:00\""
                        : name.toLowerCase().endsWith("id") ? "\"" + UUID.randomUUID() + "\"" : "\"x\"";
            };
        };
    }

    private static String replaceField(String body, String field, String value) {
        String prefix = "\"" + field + "\":";
        int start = body.indexOf(prefix);
        if (start < 0) {
            return body;
        }
        int from = start + prefix.length();
        int depth = 0;
        boolean inString = false;
        int end = from;
        for (; end < body.length(); end++) {
            char c = body.charAt(end);
            if (inString) {
                if (c == '\\') {
                    end++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return body.substring(0, from) + value + body.substring(end);
    }

    private boolean streams(Operation operation) {
        return operation.getResponses() != null && operation.getResponses().values().stream()
                .anyMatch(r -> r.getContent() != null && r.getContent().containsKey("text/event-stream"));
    }

    private Schema<?> jsonSchema(io.swagger.v3.oas.models.media.Content content) {
        if (content == null) {
            return null;
        }
        MediaType media = content.entrySet().stream().filter(e -> e.getKey().contains("json"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        return media == null ? null : resolve(media.getSchema());
    }

    @SuppressWarnings("rawtypes")
    private Map<String, Schema> properties(Schema<?> schema) {
        Schema<?> resolved = resolve(schema);
        return resolved == null || resolved.getProperties() == null ? Map.of() : resolved.getProperties();
    }

    private Schema<?> resolve(Schema<?> schema) {
        if (schema != null && schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return document.getComponents().getSchemas().get(name);
        }
        return schema;
    }

    private void compare(List<String> problems, String where, Schema<?> schema, Class<?> record, boolean exact) {
        Schema<?> target = schema;
        if (target != null && "array".equals(target.getType()) || target != null && target.getItems() != null) {
            target = resolve(target.getItems());
        }
        Set<String> documented = new TreeSet<>(properties(target).keySet());
        Set<String> actual = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            actual.add(component.getName());
        }
        // A response documented without a schema tells a client nothing wrong; one with fields must have these.
        boolean ok = exact ? documented.equals(actual) : documented.isEmpty() || documented.containsAll(actual);
        if (!ok) {
            problems.add(where + ": documented " + documented + " but " + record.getName() + " has " + actual);
        }
    }

    private static Class<?> recordReturned(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw == ResponseEntity.class || raw == List.class) {
                return recordReturned(parameterized.getActualTypeArguments()[0]);
            }
            return null;
        }
        return type instanceof Class<?> c && c.isRecord() ? c : null;
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
