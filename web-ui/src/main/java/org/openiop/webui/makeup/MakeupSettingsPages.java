package org.openiop.webui.makeup;

import java.util.Map;

import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A program's make-up rules (administrators, under /admin): whether scheduling-service sends the client their week's
 * make-up options by itself when attendance finds the week AT_RISK with time left (off unless set).
 */
@Controller
class MakeupSettingsPages {

    record Settings(String programId, boolean automaticOffers, String updatedBy) {
    }

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    MakeupSettingsPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/admin/programs/{programId}/makeup")
    String page(@PathVariable String programId, Model model) {
        model.addAttribute("program", directory.program(programId));
        model.addAttribute("settings",
                apis.scheduling().get(Settings.class, "/api/programs/{id}/makeup-settings", programId));
        return "admin/makeup-settings";
    }

    @PostMapping("/admin/programs/{programId}/makeup")
    String save(@PathVariable String programId, @RequestParam(defaultValue = "false") boolean automaticOffers,
            Model model, RedirectAttributes redirect) {
        try {
            apis.scheduling().put(Settings.class, Map.of("automaticOffers", automaticOffers),
                    "/api/programs/{id}/makeup-settings", programId);
        } catch (ServiceProblem e) {
            model.addAttribute("program", directory.program(programId));
            model.addAttribute("settings", new Settings(programId, automaticOffers, null));
            model.addAttribute("problem", e.problem());
            return "admin/makeup-settings";
        }
        redirect.addFlashAttribute("notice", automaticOffers
                ? "Make-up offers now go to clients automatically when their week turns at risk."
                : "Make-up offers are sent by staff only.");
        return "redirect:/admin/programs/" + programId + "/makeup";
    }
}
