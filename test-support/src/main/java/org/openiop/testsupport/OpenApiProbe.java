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
    private final String user;
    private final String authorization;
    private final String json;
    private final OpenAPI document;
    private final OpenApiInteractionValidator validator;
    private final Map<String, String> known = new LinkedHashMap<>();

    public OpenApiProbe(int port, String user, String password) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.user = user;
        this.authorization = basic(user, password);
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

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
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

    /** A request and its answer (and, from a fuzz, the user who sent it). */
    public record Exchange(String method, String path, String body, int status, String answer, String user) {
        public Exchange(String method, String path, String body, int status, String answer) {
            this(method, path, body, status, answer, null);
        }

        Exchange by(String sender) {
            return new Exchange(method, path, body, status, answer, sender);
        }

        @Override
        public String toString() {
            return (user == null ? "" : "as " + user + ": ") + method + " " + path
                    + (body == null ? "" : " " + abbreviate(body)) + " -> " + status + " " + abbreviate(answer);
        }
    }

    public Exchange send(String method, String path, String body) {
        return send(authorization, method, path, body);
    }

    private Exchange send(String credentials, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(90)).header("Authorization", credentials)
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
     * boundary and malformed values, sent as the probe's own user. Returns each exchange that answered 5xx, or 4xx
     * with a stored change (reads included).
     */
    public List<Exchange> fuzz(Supplier<String> storedState) {
        return fuzz(storedState, user);
    }

    /**
     * The same fuzz as each of the given users in turn ({@code "name:password"}, e.g. staff, officer, admin), so the
     * refusals of every role (403 before any input is read, 4xx after) are driven too.
     */
    public List<Exchange> fuzzAsEach(Supplier<String> storedState, String... users) {
        List<Exchange> failures = new ArrayList<>();
        for (String credentials : users) {
            int colon = credentials.indexOf(':');
            String name = credentials.substring(0, colon);
            failures.addAll(fuzz(storedState, name, basic(name, credentials.substring(colon + 1))));
        }
        return failures;
    }

    private List<Exchange> fuzz(Supplier<String> storedState, String as) {
        return fuzz(storedState, as, authorization);
    }

    private List<Exchange> fuzz(Supplier<String> storedState, String as, String credentials) {
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
                for (String[] variant : variants(path.getKey(), path.getValue(), operation)) {
                    Exchange exchange = send(credentials, method, variant[0], variant[1]);
                    sent++;
                    String after = storedState.get();
                    if (exchange.status() >= 500) {
                        failures.add(exchange.by(as));
                    } else if (exchange.status() >= 400 && !after.equals(state)) {
                        if (!method.equals("GET") || changesAgain(storedState, credentials, variant)) {
                            failures.add(new Exchange(method, variant[0], variant[1], exchange.status(),
                                    "STORED A CHANGE in " + changedTables(state, after) + ": " + exchange.answer())
                                    .by(as));
                        }
                        after = storedState.get();
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

    /** The tables whose part of two digests differs. */
    private static List<String> changedTables(String before, String after) {
        Set<String> was = new java.util.HashSet<>(List.of(before.split(";")));
        List<String> changed = new ArrayList<>();
        for (String part : after.split(";")) {
            if (!was.contains(part)) {
                changed.add(part.substring(0, Math.max(0, part.indexOf('='))));
            }
        }
        return changed;
    }

    /**
     * A refused read seemed to change rows, which may be the service's own background work (a projection catching
     * up, a sweep) landing at that moment: it counts as the read's doing only if sending it again, twice, changes
     * rows each time.
     */
    private boolean changesAgain(Supplier<String> storedState, String credentials, String[] variant) {
        for (int attempt = 0; attempt < 2; attempt++) {
            String before = storedState.get();
            send(credentials, "GET", variant[0], variant[1]);
            if (before.equals(storedState.get())) {
                return false;
            }
        }
        return true;
    }

    /** The plausible request, then each parameter and each top-level body field in turn given a bad value. */
    private List<String[]> variants(String template, PathItem item, Operation operation) {
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
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
        variants.add(new String[] { url(template, parameters, plausible), baseBody });
        for (Parameter parameter : parameters) {
            for (String bad : BAD_PARAMETERS) {
                Map<String, String> values = new LinkedHashMap<>(plausible);
                values.put(parameter.getName(), bad);
                variants.add(new String[] { url(template, parameters, values), baseBody });
            }
        }
        if (bodySchema != null) {
            String url = url(template, parameters, plausible);
            for (String malformed : List.of("{", "[]", "\"text\"", "{\"a\":1} {}", "null")) {
                variants.add(new String[] { url, malformed });
            }
            List<String> fields = new ArrayList<>(properties(bodySchema).keySet());
            for (String field : fields) {
                for (String bad : BAD_JSON_VALUES) {
                    variants.add(new String[] { url, replaceField(baseBody, field, bad) });
                }
            }
            // several faulty fields at once: every field malformed, then every field null
            if (fields.size() > 1) {
                String allBad = baseBody;
                String allNull = baseBody;
                for (String field : fields) {
                    allBad = replaceField(allBad, field, "\"a\\u0000b\"");
                    allNull = replaceField(allNull, field, "null");
                }
                variants.add(new String[] { url, allBad });
                variants.add(new String[] { url, allNull });
            }
        }
        return variants;
    }

    /**
     * A digest of every row of every table in the schema, apart from the named ones (queues, audit, history; a
     * partitioned table such as {@code audit_log} is named once for all its partitions).
     */
    public static Supplier<String> storedState(DataSource dataSource, Set<String> excludedTables) {
        return storedState(dataSource, excludedTables, Set.of());
    }

    /**
     * As above, and the tables named in {@code countedTables} (e.g. an outbox, whose rows a relay marks as published
     * on its own) by their number of rows only: a refused request must not have appended one.
     */
    public static Supplier<String> storedState(DataSource dataSource, Set<String> excludedTables,
            Set<String> countedTables) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // tables and partitioned tables (read whole through their parent), not their partitions one by one; read in
        // one statement, since the fuzz takes this digest after every request
        List<String> tables = jdbc.queryForList("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') "
                + "AND NOT c.relispartition ORDER BY 1", String.class);
        List<String> parts = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        for (String table : tables) {
            // outbox_relay_state is the relay's own "waiting for work" flag, flipped by the relay whenever it idles,
            // not anything a request stored
            if (excludedTables.contains(table) || table.startsWith("flyway") || table.equals("outbox_relay_state")) {
                continue;
            }
            String quoted = "\"" + table.replace("\"", "\"\"") + "\"";
            parts.add("'" + table + "=' || (" + (countedTables.contains(table)
                    ? "SELECT count(*)::text FROM " + quoted
                    : "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM " + quoted + " t")
                    + ")");
            versions.add("(SELECT count(*) || ',' || coalesce(sum(xmin::text::bigint), 0) || ',' "
                    + "|| coalesce(sum(hashtext(ctid::text || xmin::text)::bigint), 0) FROM " + quoted + ")");
        }
        if (parts.isEmpty()) {
            return () -> "";
        }
        String digest = "SELECT " + String.join(" || ';' || ", parts);
        String rowVersions = "SELECT " + String.join(" || ';' || ", versions);
        return new RowDigest(jdbc, digest, rowVersions);
    }

    /**
     * The digest of every row, computed again only when a row version changed. Every committed insert, update or
     * delete leaves a row version with a new transaction id and place ({@code xmin}, {@code ctid}) or changes the
     * count, so unchanged versions mean an unchanged digest; the versions are read without turning each row into
     * text and sorting it, which made a fuzz of a few thousand requests against a database the whole test JVM filled
     * take minutes. The digest and the versions it belongs to are read in one statement (one snapshot).
     */
    private static final class RowDigest implements Supplier<String> {
        private static final Object[] NO_ARGUMENTS = {};
        private final JdbcTemplate jdbc;
        private final String both;
        private final String rowVersions;
        private String versions;
        private String digest;

        RowDigest(JdbcTemplate jdbc, String digest, String rowVersions) {
            this.jdbc = jdbc;
            this.both = "SELECT v, d FROM (" + rowVersions + ") AS versions(v), (" + digest + ") AS digest(d)";
            this.rowVersions = rowVersions;
        }

        @Override
        public synchronized String get() {
            // as prepared statements (arguments, even none), so each connection plans these long queries once
            if (digest == null || !versions.equals(jdbc.queryForObject(rowVersions, String.class, NO_ARGUMENTS))) {
                jdbc.query(both, (org.springframework.jdbc.core.RowCallbackHandler) row -> {
                    versions = row.getString(1);
                    digest = row.getString(2);
                }, NO_ARGUMENTS);
            }
            return digest;
        }
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
