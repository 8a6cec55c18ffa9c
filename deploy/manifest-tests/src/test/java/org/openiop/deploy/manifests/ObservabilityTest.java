package org.openiop.deploy.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openiop.deploy.manifests.Manifests.asList;
import static org.openiop.deploy.manifests.Manifests.at;
import static org.openiop.deploy.manifests.Manifests.str;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class ObservabilityTest {

    private static final Pattern IOP_METRIC = Pattern.compile("\\biop_[a-z0-9_]+");
    /** Micrometer meter names registered in Java source: builder("iop.x"), counter("iop.x"), timer("iop.x"), ... */
    private static final Pattern REGISTERED = Pattern.compile(
            "(?:builder|counter|timer|gauge|summary|longTaskTimer)\\(\\s*\"(iop\\.[a-z0-9.]+)\"");

    static List<String> dashboardExpressions() {
        List<String> exprs = new ArrayList<>();
        for (Path file : Repo.files("deploy/observability", ".json")) {
            Map<String, Object> dashboard = Manifests.parse(file).maps().get(0);
            for (Object panel : asList(dashboard.get("panels"))) {
                for (Object target : asList(at(panel, "targets"))) {
                    exprs.add(str(target, "expr"));
                }
            }
        }
        return exprs;
    }

    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Path file : Repo.files("deploy/observability", ".yml", ".yaml")) {
            for (Map<String, Object> doc : Manifests.parse(file).maps()) {
                for (Object group : asList(doc.get("groups"))) {
                    asList(at(group, "rules")).forEach(r -> rules.add(Manifests.asMap(r)));
                }
            }
        }
        return rules;
    }

    /** Prometheus names of the meters registered in the backbone's and the services' source. */
    static Set<String> registeredMetrics() {
        Set<String> names = new TreeSet<>();
        List<String> dirs = new ArrayList<>(List.of("backbone-web/src/main/java", "backbone-messaging/src/main/java"));
        Repo.SERVICES.forEach(s -> dirs.add(s + "/src/main/java"));
        for (String dir : dirs) {
            for (Path file : Repo.files(dir, ".java")) {
                Matcher m = REGISTERED.matcher(Repo.read(file));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        }
        return names;
    }

    /** A Prometheus series name and the same without the suffixes Micrometer adds (_count, _total, _seconds...). */
    static List<String> candidates(String series) {
        String timerPart = series.replaceAll("_(bucket|count|sum|max)$", "");
        String counter = timerPart.replaceAll("_total$", "");
        return List.of(series, timerPart, counter, counter.replaceAll("_seconds$", ""));
    }

    /** Problems: iop_* metrics an expression uses that no code registers and the README does not list as expected. */
    static List<String> unknownMetrics(List<String> expressions, Set<String> registered, String readme) {
        List<String> problems = new ArrayList<>();
        for (String expr : expressions) {
            Matcher m = IOP_METRIC.matcher(expr);
            while (m.find()) {
                String series = m.group();
                List<String> names = candidates(series);
                boolean known = names.stream().anyMatch(registered::contains);
                boolean expected = names.stream().anyMatch(n -> readme.contains("`" + n + "`"));
                if (!known && !expected) {
                    problems.add(series + " (in " + expr + ") is registered nowhere and not listed as expected");
                }
            }
        }
        return problems;
    }

    @Test
    void dashboardCoversWhatAnOperatorNeeds() {
        String all = String.join("\n", dashboardExpressions());
        assertThat(all).contains("iop_outbox_backlog", "iop_outbox_oldest_age_seconds",
                "kafka_consumer_fetch_manager_records_lag", "iop_consumer_dead_letters_total",
                "iop_scheduling_bookings_total", "iop_attendance_compliance_latency_seconds",
                "iop_notification_lateness_seconds", "iop_notification_failed_total");
    }

    @Test
    void everyIopMetricQueriedExistsInTheCodeOrIsListedAsExpected() {
        Set<String> registered = registeredMetrics();
        assertThat(registered).contains("iop_outbox_backlog", "iop_outbox_oldest_age", "iop_consumer_dead_letters",
                "iop_scheduling_bookings", "iop_notification_sent", "iop_notification_failed",
                "iop_attendance_compliance_latency");
        String readme = Repo.read(Repo.path("deploy/observability/README.md"));
        List<String> expressions = new ArrayList<>(dashboardExpressions());
        alertRules().forEach(r -> expressions.add(String.valueOf(r.get("expr"))));
        assertThat(unknownMetrics(expressions, registered, readme)).isEmpty();
        // ... and the check bites: an invented metric is reported.
        assertThat(unknownMetrics(List.of("rate(iop_made_up_total[5m])"), registered, readme)).hasSize(1);
    }

    @Test
    void alertRulesCoverOutboxStuckDeadLettersAndConsumerLag() {
        List<Map<String, Object>> rules = alertRules();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r).containsKeys("alert", "expr");
            assertThat(str(r, "labels", "severity")).isIn("warning", "critical");
            assertThat(str(r, "annotations", "summary")).isNotBlank();
        });
        assertThat(rules).anySatisfy(r -> assertThat(String.valueOf(r.get("expr"))).contains("iop_outbox_oldest_age_seconds"));
        assertThat(rules).anySatisfy(r -> assertThat(String.valueOf(r.get("expr"))).contains("iop_consumer_dead_letters_total"));
        assertThat(rules).anySatisfy(r -> assertThat(String.valueOf(r.get("expr"))).contains("kafka_consumer_fetch_manager_records_lag"));
    }
}
