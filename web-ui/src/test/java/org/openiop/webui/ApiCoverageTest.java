package org.openiop.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openiop.testsupport.OpenApiProbe;

/**
 * No API operation is left without a page: every operation in the three services' OpenAPI documents is called by
 * the front door's code, or is named in the README's list of integration-only operations (webhooks, machine
 * exports, maintenance), with the reason. The README's list is kept honest too: each operation it names exists, and
 * none of them is in fact used by a page.
 *
 * <p>"Called by the front door" is read from its sources: each "/api/..." address in web-ui's main code (string
 * concatenation read as a path variable) with the HTTP method of the call it is passed to.
 */
class ApiCoverageTest {

    private static final Path SOURCES = Path.of("src", "main");
    private static final Path README = Path.of("..", "README.md");
    private static final String LIST_HEADING = "### Integration-only API operations";

    private static FrontDoorPlatform platform;

    @BeforeAll
    static void start() {
        platform = FrontDoorPlatform.shared();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyOperationHasAPageOrIsNamedAsIntegrationOnly() throws IOException {
        Set<String> documented = new TreeSet<>();
        for (String service : List.of(platform.scheduling, platform.attendance, platform.notification)) {
            OpenApiProbe probe = new OpenApiProbe(URI.create(service).getPort(), "admin", "iop-admin");
            probe.document().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                    .forEach(method -> documented.add(method.name() + " " + normal(path))));
        }
        Set<String> used = usedByPages();
        Set<String> integrationOnly = integrationOnly();
        assertThat(documented).as("the services document their operations").hasSizeGreaterThan(40);

        List<String> withoutPage = documented.stream()
                .filter(op -> !usedBy(used, op) && !integrationOnly.contains(op)).toList();
        assertThat(withoutPage).as("operations no page uses and the README does not name as integration-only")
                .isEmpty();
        assertThat(integrationOnly.stream().filter(op -> !documented.contains(op)).toList())
                .as("the README names operations the services do not have").isEmpty();
        assertThat(integrationOnly.stream().filter(op -> usedBy(used, op)).toList())
                .as("the README calls these integration-only, but a page uses them").isEmpty();
    }

    /** "/api/sessions/{sessionId}/bookings" and "/api/sessions/{id}/bookings" are the same address. */
    static String normal(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
    }

    /** Every "METHOD /api/..." the front door's main sources call. */
    static Set<String> usedByPages() throws IOException {
        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".html")
                    || p.toString().endsWith(".js")).toList();
        }
        // a literal address, possibly built by concatenation: "/api/programs/" + id + "/compliance/stream"
        Pattern address = Pattern.compile("\"(/api/[^\"]*)\"((?:\\s*\\+\\s*[^\"+;]+?\\s*\\+\\s*\"[^\"]*\")*)");
        Pattern verb = Pattern.compile("\\.(get|post|put|delete|raw|getList)\\(|\\b(GET|POST|PUT|DELETE)\\b");
        for (Path file : files) {
            String text = Files.readString(file);
            Matcher m = address.matcher(text);
            while (m.find()) {
                String path = m.group(1) + m.group(2).replaceAll("\\s*\\+\\s*[^\"+;]+?\\s*\\+\\s*\"([^\"]*)\"", "{}$1");
                path = path.replaceAll("\\?.*", "");
                if (path.endsWith("/")) {
                    path = path + "{}"; // "/api/bookings/" + id
                }
                String method = "GET";
                Matcher v = verb.matcher(text.substring(Math.max(0, m.start() - 300), m.start()));
                while (v.find()) {
                    String found = v.group(1) != null ? v.group(1) : v.group(2);
                    method = switch (found.toLowerCase(Locale.ROOT)) {
                        case "post" -> "POST";
                        case "put" -> "PUT";
                        case "delete" -> "DELETE";
                        default -> "GET";
                    };
                }
                used.add(method + " " + normal(path));
            }
        }
        return used;
    }

    /** The README's list: lines such as "- `POST /api/telehealth/{platform}/webhook`, `GET ...`: why". */
    static Set<String> integrationOnly() {
        try {
            List<String> lines = Files.readAllLines(README);
            int start = lines.indexOf(LIST_HEADING);
            assertThat(start).as("README has a section '%s'", LIST_HEADING).isNotNegative();
            Set<String> ops = new TreeSet<>();
            Pattern item = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`]+)`");
            for (String line : lines.subList(start + 1, lines.size())) {
                if (line.startsWith("#")) {
                    break;
                }
                if (!line.startsWith("- ")) {
                    continue;
                }
                // the operations named before the colon that starts the reason
                Matcher m = item.matcher(line.substring(0, Math.max(line.indexOf("`: "), 0) + 1));
                while (m.find()) {
                    ops.add(m.group(1) + " " + normal(m.group(2)));
                }
            }
            return ops;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a page calls the operation; a variable in the page's address may stand for a fixed segment
     * ("/api/clients/{id}/evidence/{format}" calls both the CSV and the PDF export). */
    static boolean usedBy(Set<String> used, String operation) {
        String[] op = operation.split("[ /]");
        return used.stream().map(u -> u.split("[ /]")).anyMatch(u -> {
            if (u.length != op.length) {
                return false;
            }
            for (int i = 0; i < u.length; i++) {
                if (!u[i].equals(op[i]) && !(i > 0 && u[i].equals("{}"))) {
                    return false;
                }
            }
            return true;
        });
    }
}
