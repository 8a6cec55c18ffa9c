package org.openiop.webui.clients;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.openiop.webui.workspace.Workspace;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpSession;

/** Staff: the program's clients by name, enrolling a client, and the list's way into each client's chart. */
@Controller
class ClientPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Workspace workspace;
    private final Clock clock = Clock.systemUTC();

    ClientPages(Services.Apis apis, ProgramDirectory directory, Workspace workspace) {
        this.apis = apis;
        this.directory = directory;
        this.workspace = workspace;
    }

    /** A line of the client list: the enrolment and, for officers, this week's compliance status. */
    record Line(Api.Enrolment client, String status) {
    }

    @GetMapping("/staff/clients")
    String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "ACTIVE") String show,
            Authentication user, HttpSession session, Model model) {
        Optional<Workspace.Current> current = workspace.current(user.getName(), session);
        if (current.isEmpty()) {
            return "redirect:/programs";
        }
        Api.Program program = directory.program(current.get().id());
        Map<String, String> statuses = officer(user) ? weekStatuses(program) : Map.of();
        List<Line> lines = directory.enrolments(program.id()).stream()
                .filter(e -> "ALL".equals(show) || show.equals(e.status()))
                .filter(e -> ProgramDirectory.matches(e.displayName(), q))
                .map(e -> new Line(e, statuses.get(e.clientId()))).toList();
        model.addAttribute("program", program);
        model.addAttribute("lines", lines);
        model.addAttribute("q", q);
        model.addAttribute("show", show);
        model.addAttribute("withStatus", !statuses.isEmpty());
        return "clients/list";
    }

    private Map<String, String> weekStatuses(Api.Program program) {
        LocalDate week = program.weekOf(LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))));
        try {
            Map<String, String> statuses = new HashMap<>();
            apis.attendance().get(Api.ProgramWeek.class, "/api/programs/{id}/compliance/weeks/{week}", program.id(),
                    week).clients().forEach(c -> statuses.put(c.clientId(), c.status()));
            return statuses;
        } catch (ServiceProblem e) {
            return Map.of(); // the list is still useful without the week's status
        }
    }

    @GetMapping("/staff/clients/new")
    String enrolForm(Authentication user, HttpSession session, Model model) {
        Optional<Workspace.Current> current = workspace.current(user.getName(), session);
        if (current.isEmpty()) {
            return "redirect:/programs";
        }
        Api.Program program = directory.program(current.get().id());
        model.addAttribute("program", program);
        model.addAttribute("form", new LinkedHashMap<String, String>(Map.of("admissionDate",
                LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))).toString())));
        return "clients/enrol";
    }

    @PostMapping("/staff/programs/{programId}/clients")
    String enrol(@PathVariable String programId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", form.getOrDefault("displayName", "").trim());
        putDate(body, form, "dateOfBirth");
        putDate(body, form, "admissionDate");
        putDate(body, form, "plannedDischargeDate");
        if (!form.getOrDefault("track", "").isBlank()) {
            body.put("track", form.get("track"));
        }
        if (!form.getOrDefault("phaseSessionsPerWeek", "").isBlank()) {
            body.put("phaseSessionsPerWeek", form.get("phaseSessionsPerWeek"));
        }
        try {
            Api.Enrolment e = apis.scheduling().post(Api.Enrolment.class, body, "/api/programs/{id}/enrolments",
                    programId);
            redirect.addFlashAttribute("notice", e.displayName() + " is enrolled.");
            return "redirect:/staff/clients/" + e.clientId();
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("program", directory.program(programId));
            model.addAttribute("form", form);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            return "clients/enrol";
        }
    }

    /** Blank date fields stay out of the request, so the service can say which required one is missing. */
    static void putDate(Map<String, Object> body, Map<String, String> form, String name) {
        String value = form.get(name);
        if (value != null && !value.isBlank()) {
            body.put(name, value.trim());
        }
    }

    static boolean officer(Authentication user) {
        return user.getAuthorities().stream().anyMatch(a -> "ROLE_COMPLIANCE_OFFICER".equals(a.getAuthority()));
    }

    static Comparator<Api.ClientSeat> byStart() {
        return Comparator.comparing(Api.ClientSeat::startsAt);
    }
}
