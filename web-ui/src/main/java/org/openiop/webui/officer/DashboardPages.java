package org.openiop.webui.officer;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.Service;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Compliance officers: a program week at a glance (at-risk first), one client's trend with the per-day evidence
 * payers check and the client's CSV/PDF evidence exports, the program CSV export.
 */
@Controller
class DashboardPages {

    /** Order of concern: who needs attention first. */
    static final List<String> CONCERN = List.of("AT_RISK", "BELOW_MINIMUM", "AWAITING_LATE_RECORDING", "ON_TRACK",
            "PARTIAL_WEEK", "STEP_DOWN", "MET", "NOT_APPLICABLE");

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Gather gather;

    DashboardPages(Services.Apis apis, ProgramDirectory directory, Gather gather) {
        this.apis = apis;
        this.directory = directory;
        this.gather = gather;
    }

    record Row(Api.ClientWeek week, String name) {
    }

    @GetMapping("/officer")
    String home() {
        return "redirect:/officer/home";
    }

    @GetMapping("/officer/programs/{programId}")
    String thisWeek(@PathVariable String programId) {
        Api.Program program = directory.program(programId);
        // The week containing today in the program's zone, starting on the program's own week-start day: the
        // service knows that day, so it names the week's first day.
        LocalDate today = LocalDate.now(ZoneId.of(program.timeZone()));
        LocalDate weekStart = apis.attendance().get(Api.ProgramWeek.class,
                "/api/programs/{id}/compliance/weeks/{day}", programId, today).weekStart();
        return "redirect:/officer/programs/" + programId + "/weeks/" + weekStart;
    }

    @GetMapping("/officer/programs/{programId}/weeks/{weekStart}")
    String week(@PathVariable String programId,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate weekStart,
            @RequestParam(required = false) String status, @RequestParam(required = false) String q,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Api.Program program = directory.program(programId);
        Api.ProgramWeek week = apis.attendance().get(Api.ProgramWeek.class,
                "/api/programs/{id}/compliance/weeks/{week}", programId, weekStart);
        if (htmx == null && !week.weekStart().equals(weekStart)) {
            // any day (a typed address, a link from before the week start changed) lands on its week's own first day
            return "redirect:/officer/programs/" + programId + "/weeks/" + week.weekStart()
                    + (status != null || q != null ? "?" + query(status, q) : "");
        }
        Map<String, String> names = directory.clientNames(programId);
        List<Row> all = week.clients().stream().map(c -> new Row(c, names.getOrDefault(c.clientId(), "Client")))
                .toList();
        List<Row> shown = all.stream()
                .filter(r -> status == null || status.isBlank() || status.equals(r.week().status()))
                .filter(r -> q == null || q.isBlank()
                        || r.name().toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT).trim()))
                .sorted(Comparator.comparingInt((Row r) -> concern(r.week().status()))
                        .thenComparing(Row::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
        model.addAttribute("program", program);
        model.addAttribute("week", week);
        model.addAttribute("weekStart", week.weekStart());
        model.addAttribute("rows", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("atRisk", all.stream().filter(r -> "AT_RISK".equals(r.week().status())).count());
        model.addAttribute("statuses", CONCERN);
        model.addAttribute("status", status);
        model.addAttribute("q", q);
        return htmx != null ? "officer/week :: table" : "officer/week";
    }

    @GetMapping("/officer/clients/{clientId}")
    String client(@PathVariable String clientId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model) {
        // what needs only the client's identifier is fetched side by side with the enrolment (issue 21)
        Gather.Pending<Api.ClientHistory> fetchedHistory = gather.start(() -> apis.attendance().get(
                Api.ClientHistory.class, "/api/clients/{id}/compliance", clientId));
        Gather.Pending<List<Evidence.Certification>> fetchedCertifications = gather.start(() -> optional(
                () -> apis.attendance().get(new ParameterizedTypeReference<List<Evidence.Certification>>() {
                }, "/api/clients/{id}/certifications", clientId)).orElse(List.of()));
        Api.Enrolment client = directory.client(clientId);
        Api.Program program = directory.program(client.programId());
        Api.ClientHistory history = fetchedHistory.get();
        List<Api.ClientWeekDetail> weeks = history.weeks().stream()
                .filter(w -> client.programId().equals(w.programId()))
                .sorted(Comparator.comparing(Api.ClientWeekDetail::weekStart)).toList();
        Api.ClientWeekDetail latest = weeks.isEmpty() ? null : weeks.get(weeks.size() - 1);
        // The week shown: the one asked for (found from any of its days, whatever the program's week start), else
        // the latest with a record, else this week; previous/next step from its first day.
        LocalDate shown = week == null && latest != null ? latest.weekStart()
                : weeks.stream().map(Api.ClientWeekDetail::weekStart).filter(s -> s.equals(week)).findFirst()
                        .orElseGet(() -> apis.attendance().get(Api.ProgramWeek.class,
                                "/api/programs/{id}/compliance/weeks/{day}", client.programId(),
                                week != null ? week : LocalDate.now(ZoneId.of(program.timeZone()))).weekStart());
        Api.ClientWeekDetail selected = weeks.stream().filter(w -> w.weekStart().equals(shown)).findFirst()
                .orElse(null);
        model.addAttribute("shownWeek", shown);
        model.addAttribute("previousWeek", shown.minusDays(7));
        model.addAttribute("nextWeek", shown.plusDays(7));
        List<Api.ClientWeekDetail> recent = weeks.subList(Math.max(0, weeks.size() - 12), weeks.size());
        model.addAttribute("client", client);
        model.addAttribute("program", program);
        model.addAttribute("weeks", weeks);
        model.addAttribute("selected", selected);
        model.addAttribute("chart", TrendChart.of(recent.stream().map(w -> new TrendChart.Week(w.weekStart(),
                w.attendedMinutes(), w.minimumMinutes(), w.status())).toList()));
        if (selected != null) {
            LocalDate from = selected.weekStart();
            model.addAttribute("from", from);
            model.addAttribute("to", from.plusDays(6));
            Optional<Evidence> evidence = optional(() -> apis.attendance().get(new ParameterizedTypeReference<Evidence>() {
            }, b -> b.path("/api/clients/{id}/evidence").queryParam("from", from).queryParam("to", from.plusDays(6))
                    .build(clientId)));
            model.addAttribute("evidence", evidence.flatMap(e -> e.week(client.programId(), from)).orElse(null));
            model.addAttribute("dailyThreshold", evidence.flatMap(e -> e.dailyThreshold(client.programId()))
                    .orElse(null));
        }
        List<Evidence.Certification> certifications = fetchedCertifications.get();
        model.addAttribute("certification", certifications.stream()
                .filter(c -> client.programId().equals(c.programId())).findFirst().orElse(null));
        return "officer/client";
    }

    /**
     * The client's evidence for a date range as the service's CSV or PDF, passed through as a download under the
     * officer's own credentials (the service records the export's digest in its audit trail).
     */
    @GetMapping("/officer/clients/{clientId}/evidence/{format:csv|pdf}")
    ResponseEntity<byte[]> evidenceExport(@PathVariable String clientId, @PathVariable String format,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return download(apis.attendance().raw(b -> b.path("/api/clients/{id}/evidence/{format}")
                .queryParam("from", from).queryParam("to", to).build(clientId, format)));
    }

    /** A drill-down part the service cannot give (no evidence yet, no certification) is left out, not an error. */
    private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ResponseEntity<byte[]> download(Service.Raw raw) {
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (raw.contentType() != null) {
            response.contentType(raw.contentType());
        }
        if (raw.disposition() != null) {
            response.header(HttpHeaders.CONTENT_DISPOSITION, raw.disposition());
        }
        return response.body(raw.body());
    }

    /** The service's CSV, passed through as a download under the officer's own credentials. */
    @GetMapping("/officer/programs/{programId}/export")
    ResponseEntity<byte[]> export(@PathVariable String programId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return download(apis.attendance().raw(b -> b.path("/api/programs/{id}/compliance/export")
                .queryParam("from", from).queryParam("to", to).build(programId)));
    }

    private static String query(String status, String q) {
        return org.springframework.web.util.UriComponentsBuilder.newInstance()
                .queryParamIfPresent("status", Optional.ofNullable(status))
                .queryParamIfPresent("q", Optional.ofNullable(q)).build().encode().getQuery();
    }

    static int concern(String status) {
        int i = CONCERN.indexOf(status);
        return i < 0 ? CONCERN.size() : i;
    }

}
