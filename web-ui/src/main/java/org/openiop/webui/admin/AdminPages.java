package org.openiop.webui.admin;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.Service;
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

/** Admins: a program's settings, and the services' audit trails (who touched which client's data, when). */
@Controller
class AdminPages {

    static final int AUDIT_PAGE = 100;
    static final List<String> WEEKDAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
            "SUNDAY");
    /** The settings an admin edits here, in the order of the form. */
    static final List<String> NUMBERS = List.of("adultMinimumMinutes", "adolescentMinimumMinutes",
            "dailyThresholdMinutes", "noShowGraceMinutes", "stepDownAllowanceWeeks", "defaultGroupCapacity");

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Workspace workspace;

    AdminPages(Services.Apis apis, ProgramDirectory directory, Workspace workspace) {
        this.apis = apis;
        this.directory = directory;
        this.workspace = workspace;
    }

    @GetMapping("/admin/programs/{programId}/settings")
    String settings(@PathVariable String programId, Model model) {
        Api.Program p = directory.program(programId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", p.name());
        form.put("timeZone", p.timeZone());
        form.put("locationLabel", p.locationLabel());
        form.put("phone", p.phone());
        form.put("weekStart", p.weekStart() == null ? "MONDAY" : p.weekStart().name());
        form.put("adultMinimumMinutes", String.valueOf(p.adultMinimumMinutes()));
        form.put("adolescentMinimumMinutes", String.valueOf(p.adolescentMinimumMinutes()));
        form.put("dailyThresholdMinutes", String.valueOf(p.dailyThresholdMinutes()));
        form.put("noShowGraceMinutes", String.valueOf(p.noShowGraceMinutes()));
        form.put("stepDownAllowanceWeeks", String.valueOf(p.stepDownAllowanceWeeks()));
        form.put("defaultGroupCapacity", String.valueOf(p.defaultGroupCapacity()));
        for (int i = 0; i < p.blocks().size(); i++) {
            form.put("block" + i + "name", p.blocks().get(i).name());
            form.put("block" + i + "start", p.blocks().get(i).startTime().toString());
            form.put("block" + i + "end", p.blocks().get(i).endTime().toString());
        }
        fill(model, p, form);
        return "admin/settings";
    }

    @PostMapping("/admin/programs/{programId}/settings")
    String save(@PathVariable String programId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String text : List.of("name", "timeZone", "locationLabel", "phone", "weekStart")) {
            body.put(text, blank(form.get(text)));
        }
        NUMBERS.forEach(n -> body.put(n, blank(form.get(n))));
        List<Map<String, Object>> blocks = new ArrayList<>();
        for (int i = 0; form.containsKey("block" + i + "name"); i++) {
            String name = blank(form.get("block" + i + "name"));
            if (name == null) {
                continue; // an emptied row removes the block
            }
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("name", name.toUpperCase(java.util.Locale.ROOT));
            block.put("startTime", blank(form.get("block" + i + "start")));
            block.put("endTime", blank(form.get("block" + i + "end")));
            blocks.add(block);
        }
        body.put("blocks", blocks);
        try {
            apis.scheduling().put(Api.Program.class, body, "/api/programs/{id}", programId);
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            fill(model, directory.program(programId), form);
            return "admin/settings";
        }
        redirect.addFlashAttribute("notice", "Settings saved.");
        return "redirect:/admin/programs/" + programId + "/settings";
    }

    private void fill(Model model, Api.Program program, Map<String, String> form) {
        int rows = 0;
        while (form.containsKey("block" + rows + "name")) {
            rows++;
        }
        model.addAttribute("program", program);
        model.addAttribute("form", form);
        model.addAttribute("weekdays", WEEKDAYS);
        model.addAttribute("blockRows", java.util.stream.IntStream.range(0, rows + 1).boxed().toList());
    }

    /** One line of the audit trail with the service it came from. */
    record Line(String service, Api.AuditEntry entry) {
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String client, @RequestParam(required = false) String user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Authentication signedIn, HttpSession session, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Workspace.Current> current = workspace.current(signedIn.getName(), session);
        String clientId = null;
        String clientLabel = null;
        if (client != null && !client.isBlank()) {
            if (current.isEmpty()) {
                errors.put("client", "Choose a program first: clients are found by name in the current program.");
            } else {
                List<Api.Enrolment> found = directory.enrolments(current.get().id()).stream()
                        .filter(e -> ProgramDirectory.matches(e.displayName(), client)).toList();
                if (found.size() == 1) {
                    clientId = found.get(0).clientId();
                    clientLabel = found.get(0).displayName();
                } else {
                    errors.put("client", found.isEmpty() ? "No client of this program has that name."
                            : found.size() + " clients match; type more of the name.");
                }
            }
        }
        ZoneId zone = current.map(c -> ZoneId.of(directory.program(c.id()).timeZone())).orElse(ZoneId.of("UTC"));
        String fromAt = day(from, "from", errors, zone, 0);
        String toAt = day(to, "to", errors, zone, 1);
        List<Line> lines = new ArrayList<>();
        if (errors.isEmpty()) {
            String id = clientId;
            for (Service service : List.of(apis.scheduling(), apis.attendance(), apis.notification())) {
                service.get(new ParameterizedTypeReference<List<Api.AuditEntry>>() { }, b -> {
                    b.path("/api/audit").queryParam("size", AUDIT_PAGE);
                    if (id != null) {
                        b.queryParam("clientId", id);
                    }
                    if (user != null && !user.isBlank()) {
                        b.queryParam("actor", user.trim());
                    }
                    if (fromAt != null) {
                        b.queryParam("from", fromAt);
                    }
                    if (toAt != null) {
                        b.queryParam("to", toAt);
                    }
                    return b.build();
                }).forEach(e -> lines.add(new Line(service.name(), e)));
            }
            lines.sort(Comparator.comparing((Line l) -> l.entry().at()).reversed());
        }
        model.addAttribute("lines", lines.size() > AUDIT_PAGE ? lines.subList(0, AUDIT_PAGE) : lines);
        model.addAttribute("errors", errors);
        model.addAttribute("client", client);
        model.addAttribute("clientLabel", clientLabel);
        model.addAttribute("user", user);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("zone", zone.getId());
        return "admin/audit";
    }

    /** A day typed in the form as the instant its (program-local) day starts; {@code plusDays} 1 for "to". */
    private static String day(String value, String field, Map<String, String> errors, ZoneId zone, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.put(field, "Please give a day such as 2026-03-14.");
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
