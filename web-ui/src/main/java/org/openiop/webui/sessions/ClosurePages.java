package org.openiop.webui.sessions;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Staff: closures and holidays. Adding one first shows every booked session on those days (whose clients will be
 * told), and only a second click closes the program.
 */
@Controller
class ClosurePages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    ClosurePages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    /** A session on a closed day and the clients booked into it. */
    record Affected(Api.Session session, List<String> clients) {
    }

    @GetMapping("/staff/programs/{programId}/closures")
    String closures(@PathVariable String programId, Model model) {
        fill(model, programId, Map.of(), Map.of());
        return "sessions/closures";
    }

    @PostMapping("/staff/programs/{programId}/closures/preview")
    String preview(@PathVariable String programId, @RequestParam Map<String, String> form, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate first = day(form.get("firstDay"), "firstDay", errors, true);
        LocalDate last = day(form.get("lastDay"), "lastDay", errors, false);
        if (form.getOrDefault("reason", "").isBlank()) {
            errors.put("reason", "Please say why (for example \"Thanksgiving\"); staff see it on the board.");
        }
        if (first != null && last != null && last.isBefore(first)) {
            errors.put("lastDay", "The last day cannot be before the first day.");
        }
        if (errors.isEmpty()) {
            LocalDate to = last == null ? first : last;
            Map<String, String> names = directory.clientNames(programId);
            List<Affected> affected = new ArrayList<>();
            for (Api.Session s : apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Session>>() { },
                    b -> b.path("/api/programs/{id}/sessions").queryParam("from", first).queryParam("to", to)
                            .queryParam("size", 200).build(programId)).items()) {
                if ("CANCELLED".equals(s.status())) {
                    continue;
                }
                List<String> clients = apis.scheduling().get(
                        new ParameterizedTypeReference<List<Api.Booking>>() { }, "/api/sessions/{id}/bookings", s.id())
                        .stream().filter(b -> "BOOKED".equals(b.status()))
                        .map(b -> names.getOrDefault(b.clientId(), "Client")).sorted().toList();
                affected.add(new Affected(s, clients));
            }
            model.addAttribute("affected", affected);
            model.addAttribute("bookings", affected.stream().mapToInt(a -> a.clients().size()).sum());
        }
        fill(model, programId, form, errors);
        return "sessions/closures";
    }

    @PostMapping("/staff/programs/{programId}/closures")
    String add(@PathVariable String programId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstDay", SessionPages.blankToNull(form.get("firstDay")));
        body.put("lastDay", SessionPages.blankToNull(form.get("lastDay")));
        body.put("reason", SessionPages.blankToNull(form.get("reason")));
        try {
            Api.ClosureResult result = apis.scheduling().post(Api.ClosureResult.class, body,
                    "/api/programs/{id}/closures", programId);
            redirect.addFlashAttribute("notice", "Closed. " + result.cancelledSessions() + " sessions and "
                    + result.cancelledBookings() + " bookings cancelled; their clients are told.");
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, programId, form, PlainErrors.of(e.problem()));
            return "sessions/closures";
        }
        return "redirect:/staff/programs/" + programId + "/closures";
    }

    private void fill(Model model, String programId, Map<String, String> form, Map<String, String> errors) {
        Api.Program program = directory.program(programId);
        LocalDate today = LocalDate.now(ZoneId.of(program.timeZone()));
        model.addAttribute("program", program);
        model.addAttribute("closures", apis.scheduling().get(new ParameterizedTypeReference<List<Api.Closure>>() { },
                b -> b.path("/api/programs/{id}/closures").queryParam("from", today.minusDays(30))
                        .queryParam("to", today.plusYears(1)).build(programId)));
        model.addAttribute("today", today);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
    }

    /** A closure entered by mistake, removed before its first day; what it cancelled stays cancelled. */
    @PostMapping("/staff/programs/{programId}/closures/{closureId}/remove")
    String remove(@PathVariable String programId, @PathVariable String closureId, Model model,
            RedirectAttributes redirect) {
        try {
            apis.scheduling().delete(Void.class, "/api/programs/{id}/closures/{closure}", programId, closureId);
            redirect.addFlashAttribute("notice", "Closure removed: those days are open again. Sessions and bookings "
                    + "it cancelled stay cancelled; book them again if they should take place.");
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            fill(model, programId, Map.of(), Map.of());
            return "sessions/closures";
        }
        return "redirect:/staff/programs/" + programId + "/closures";
    }

    private static LocalDate day(String value, String field, Map<String, String> errors, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.put(field, "Please give the first closed day.");
            }
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "Please give a day such as 2026-11-26.");
            return null;
        }
    }
}
