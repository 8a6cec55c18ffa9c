package org.openiop.benchmarks.makeup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.openiop.scheduling.SchedulingApplication;
import org.openiop.testsupport.KafkaBrokerProcess;
import org.openiop.testsupport.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's compass figure over synthetic data: of the client-weeks of a seeded month that are AT_RISK when the week
 * starts (the seats booked cannot reach the minimum), how many have at least one make-up option, as
 * scheduling-service's real options API answers (free seats, closures, clashes with the client's own seats).
 * <p>
 * Seeded month (fixed random seed, so runs compare): one adult program, four weeks starting next year, a morning and
 * an evening group each weekday (8 seats; one closed day), {@code clients} clients each booking 1 to 3 random
 * sessions a week (so every week starts short of 540 minutes), and some groups filled by extra clients who need
 * nothing. Usage: benchmarks/run-makeup-compass [clients=40]
 */
public final class MakeupCompass {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NAMESPACE = "compass.";
    private static final String AUTH = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("admin:iop-admin".getBytes(StandardCharsets.UTF_8));
    private static String base;

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (KafkaBrokerProcess broker = KafkaBrokerProcess.start();
                ConfigurableApplicationContext service = new SpringApplicationBuilder(SchedulingApplication.class)
                        .profiles("test").run("--server.port=0",
                                "--spring.datasource.url=" + TestInfrastructure.newDatabase(),
                                "--spring.datasource.username=" + TestInfrastructure.postgresUser(),
                                "--spring.datasource.password=" + TestInfrastructure.postgresPassword(),
                                "--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                                "--iop.topic-namespace=" + NAMESPACE, "--logging.level.root=WARN")) {
            base = "http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort();
            run(clients);
        }
    }

    private static void run(int clients) {
        Random random = new Random(17);
        LocalDate first = LocalDate.now().plusYears(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        String program = post("/api/programs", Map.of("name", "Compass program", "timeZone", "America/New_York",
                "locationLabel", "Office", "phone", "+15551230000")).path("id").asString();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            people.add(enrol(program, first, "Client " + i));
        }
        List<String> fillers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            fillers.add(enrol(program, first, "Filler " + i));
        }
        // one closed day in the month: its sessions are cancelled and offer nothing
        LocalDate closed = first.plusWeeks(2).plusDays(2);
        int atRisk = 0;
        int withOption = 0;
        int noOption = 0;
        for (int week = 0; week < 4; week++) {
            LocalDate monday = first.plusWeeks(week);
            List<String> sessions = new ArrayList<>();
            for (int day = 0; day < 5; day++) {
                for (String block : List.of("MORNING", "EVENING")) {
                    sessions.add(post("/api/programs/" + program + "/sessions", Map.of("type", "GROUP",
                            "date", monday.plusDays(day).toString(), "block", block, "capacity", 8)).path("id")
                            .asString());
                }
            }
            // a third of the groups are full before the clients book: fillers take every seat
            for (String session : sessions) {
                if (random.nextInt(3) == 0) {
                    fillers.forEach(f -> tryBook(session, f));
                }
            }
            for (String client : people) {
                List<String> shuffled = new ArrayList<>(sessions);
                Collections.shuffle(shuffled, random);
                int wanted = 1 + random.nextInt(3);
                for (String session : shuffled) {
                    if (wanted > 0 && tryBook(session, client)) {
                        wanted--;
                    }
                }
            }
            if (week == 2) {
                post("/api/programs/" + program + "/closures", Map.of("firstDay", closed.toString(),
                        "reason", "Holiday"));
            }
            for (String client : people) {
                JsonNode options = get("/api/clients/" + client + "/makeup-options?week=" + monday
                        + "&attendedMinutes=0");
                if (options.path("shortfallMinutes").asInt() > 0) {
                    atRisk++;
                    if (options.path("options").isEmpty()) {
                        noOption++;
                    } else {
                        withOption++;
                    }
                }
            }
        }
        System.out.printf("Make-up compass over a seeded month (%d clients, 4 weeks, 40 groups of 8, 1 closed day):%n",
                clients);
        System.out.printf("  AT_RISK client-weeks at the start of their week: %d%n", atRisk);
        System.out.printf("  with at least one make-up option: %d (%.0f%%); with none: %d%n", withOption,
                atRisk == 0 ? 0.0 : 100.0 * withOption / atRisk, noOption);
    }

    private static String enrol(String program, LocalDate first, String name) {
        return post("/api/programs/" + program + "/enrolments", Map.of("displayName", name,
                "dateOfBirth", "1985-01-01", "admissionDate", first.minusWeeks(1).toString())).path("clientId")
                .asString();
    }

    /** One seat; a booking the rules refuse (full, clash) is simply not made. */
    private static boolean tryBook(String session, String client) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/" + session
                + "/bookings")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + client + "\"}")));
        return response.statusCode() == 201;
    }

    private static JsonNode get(String path) {
        return ok(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    private static JsonNode post(String path, Object body) {
        return ok(send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))));
    }

    private static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(60)).header("Authorization", AUTH).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
