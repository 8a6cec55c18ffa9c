package org.openiop.webui.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A new program: its name, where it is (time zone, location, phone); the rest has defaults, changed in Settings. */
@Controller
class NewProgramPages {

    static final List<String> FIELDS = List.of("name", "timeZone", "locationLabel", "phone");

    private final Services.Apis apis;

    NewProgramPages(Services.Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/admin/programs/new")
    String form(Model model) {
        model.addAttribute("form", Map.of());
        model.addAttribute("zones", java.time.ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.startsWith("America/") || z.startsWith("Europe/") || z.startsWith("Pacific/"))
                .sorted().toList());
        return "admin/new-program";
    }

    @PostMapping("/admin/programs")
    String create(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        FIELDS.forEach(f -> body.put(f, form.get(f) == null || form.get(f).isBlank() ? null : form.get(f).trim()));
        Api.Program created;
        try {
            created = apis.scheduling().post(Api.Program.class, body, "/api/programs");
        } catch (ServiceProblem e) {
            form(model);
            model.addAttribute("form", form);
            Map<String, String> errors = new LinkedHashMap<>(PlainErrors.of(e.problem()));
            errors.computeIfPresent("phone", (f, m) -> "Please give the number in international form, such as "
                    + "+12125550100.");
            errors.computeIfPresent("timeZone", (f, m) -> form.get("timeZone") == null
                    || form.get("timeZone").isBlank() ? m : "Please choose a time zone from the list.");
            model.addAttribute("errors", errors);
            return "admin/new-program";
        }
        redirect.addFlashAttribute("notice", created.name() + " is created. Check its settings below.");
        return "redirect:/admin/programs/" + created.id() + "/settings";
    }
}
