package org.openiop.webui.sessions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff: one recurring series, its days so far and to come; step it down from a day, or cancel the rest. */
@Controller
class SeriesManagePages {

    static final List<String> REASONS = List.of("CLIENT_REQUEST", "CLINICIAN_UNAVAILABLE", "OTHER");

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    SeriesManagePages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/staff/series/{seriesId}")
    String series(@PathVariable String seriesId, Model model) {
        fill(model, seriesId, Map.of(), Map.of());
        return "sessions/series";
    }

    @PostMapping("/staff/series/{seriesId}/step-down")
    String stepDown(@PathVariable String seriesId, @RequestParam MultiValueMap<String, String> form, Model model,
            RedirectAttributes redirect) {
        boolean preview = form.containsKey("preview");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveFrom", SessionPages.blankToNull(form.getFirst("effectiveFrom")));
        body.put("daysOfWeek", form.getOrDefault("daysOfWeek", List.of()));
        body.put("dryRun", preview);
        Map<String, String> values = Map.of("effectiveFrom", String.valueOf(form.getFirst("effectiveFrom")),
                "days", String.join(",", form.getOrDefault("daysOfWeek", List.of())));
        try {
            Api.SeriesReport report = apis.scheduling().post(Api.SeriesReport.class, body,
                    "/api/series/{id}/frequency", seriesId);
            if (preview) {
                model.addAttribute("stepPreview", report);
                fill(model, seriesId, values, Map.of());
                return "sessions/series";
            }
            redirect.addFlashAttribute("notice", "Stepped down: " + report.cancelled() + " later days cancelled, "
                    + report.booked() + " booked.");
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, seriesId, values, PlainErrors.of(e.problem()));
            return "sessions/series";
        }
        return "redirect:/staff/series/" + seriesId;
    }

    @PostMapping("/staff/series/{seriesId}/cancel")
    String cancelRest(@PathVariable String seriesId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", SessionPages.blankToNull(form.get("from")));
        body.put("reason", SessionPages.blankToNull(form.get("reason")));
        body.put("note", SessionPages.blankToNull(form.get("note")));
        try {
            Api.SeriesReport report = apis.scheduling().post(Api.SeriesReport.class, body,
                    "/api/series/{id}/cancel", seriesId);
            redirect.addFlashAttribute("notice", "Series ended: " + report.cancelled() + " bookings cancelled.");
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, seriesId, form, PlainErrors.of(e.problem()));
            return "sessions/series";
        }
        return "redirect:/staff/series/" + seriesId;
    }

    /** Waitlists the client for every remaining day of the series whose group is full (one entry per session). */
    @PostMapping("/staff/series/{seriesId}/waitlist")
    String waitlist(@PathVariable String seriesId, Model model, RedirectAttributes redirect) {
        try {
            Api.SeriesWaitlistReport report = apis.scheduling().post(Api.SeriesWaitlistReport.class, Map.of(),
                    "/api/series/{id}/waitlist", seriesId);
            redirect.addFlashAttribute("notice", waitlistNotice(report));
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, seriesId, Map.of(), Map.of());
            return "sessions/series";
        }
        return "redirect:/staff/series/" + seriesId;
    }

    static String waitlistNotice(Api.SeriesWaitlistReport report) {
        StringBuilder notice = new StringBuilder(report.waitlisted() == 1 ? "Waitlisted for 1 full day."
                : "Waitlisted for " + report.waitlisted() + " full days.");
        if (report.notFull() > 0) {
            notice.append(" ").append(report.notFull()).append(report.notFull() == 1 ? " day has" : " days have")
                    .append(" a free seat: book it instead.");
        }
        long already = report.days().stream().filter(d -> "already-waitlisted".equals(d.code())).count();
        if (already > 0) {
            notice.append(" ").append(already).append(already == 1 ? " day was" : " days were")
                    .append(" already on the waitlist.");
        }
        long other = report.refused() - already;
        if (other > 0) {
            notice.append(" ").append(other).append(other == 1 ? " day" : " days").append(" could not be waitlisted.");
        }
        return notice.toString();
    }

    private void fill(Model model, String seriesId, Map<String, String> values, Map<String, String> errors) {
        Api.SeriesView view = apis.scheduling().get(Api.SeriesView.class, "/api/series/{id}", seriesId);
        Api.Program program = directory.program(view.series().programId());
        LocalDate today = LocalDate.now(ZoneId.of(program.timeZone()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("effectiveFrom", today.toString());
        form.put("from", today.toString());
        form.putAll(values);
        model.addAttribute("view", view);
        model.addAttribute("program", program);
        model.addAttribute("client", directory.client(view.series().clientId()));
        model.addAttribute("rules", view.rules().stream().map(r -> new RuleLine(r.effectiveFrom(), days(r.rrule())))
                .toList());
        model.addAttribute("weekdays", Arrays.asList(DayOfWeek.values()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("reasons", REASONS);
    }

    record RuleLine(LocalDate from, String days) {
    }

    /** "FREQ=WEEKLY;BYDAY=MO,WE,FR" -> "Monday, Wednesday, Friday" (the rule's days in words). */
    static String days(String rrule) {
        if (rrule == null) {
            return "";
        }
        for (String part : rrule.split(";")) {
            if (part.startsWith("BYDAY=")) {
                List<String> names = new ArrayList<>();
                for (String d : part.substring(6).split(",")) {
                    for (DayOfWeek day : DayOfWeek.values()) {
                        if (day.name().startsWith(d.replaceAll("[^A-Z]", ""))) {
                            names.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                        }
                    }
                }
                return String.join(", ", names);
            }
        }
        return "Every week";
    }
}
