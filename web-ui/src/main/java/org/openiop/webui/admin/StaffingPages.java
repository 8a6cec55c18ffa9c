package org.openiop.webui.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
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
 * A program's clinicians and rooms: listed, added, renamed, a room's seats changed, and either taken out of use
 * (kept on past sessions, offered for no new ones). Through scheduling-service's clinician and room APIs, as the
 * signed-in admin.
 */
@Controller
class StaffingPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    StaffingPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/admin/programs/{programId}/staffing")
    String page(@PathVariable String programId, Model model) {
        fill(model, programId);
        return "admin/staffing";
    }

    @PostMapping("/admin/programs/{programId}/clinicians")
    String addClinician(@PathVariable String programId, @RequestParam(required = false) String displayName,
            Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", trimmed(displayName));
        try {
            apis.scheduling().post(Api.Clinician.class, body, "/api/programs/{id}/clinicians", programId);
        } catch (ServiceProblem e) {
            return refused(model, programId, e, "clinician", Map.of("displayName", String.valueOf(displayName)));
        }
        redirect.addFlashAttribute("notice", "Clinician added: " + trimmed(displayName) + ".");
        return "redirect:/admin/programs/" + programId + "/staffing";
    }

    @PostMapping("/admin/programs/{programId}/clinicians/{clinicianId}")
    String editClinician(@PathVariable String programId, @PathVariable String clinicianId,
            @RequestParam(required = false) String displayName, @RequestParam(defaultValue = "false") boolean active,
            Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", trimmed(displayName));
        body.put("active", active);
        try {
            apis.scheduling().put(Api.Clinician.class, body, "/api/clinicians/{id}", clinicianId);
        } catch (ServiceProblem e) {
            return refused(model, programId, e, "clinician-" + clinicianId, Map.of());
        }
        redirect.addFlashAttribute("notice", "Saved " + trimmed(displayName) + (active ? "." : " (not in use)."));
        return "redirect:/admin/programs/" + programId + "/staffing";
    }

    @PostMapping("/admin/programs/{programId}/rooms")
    String addRoom(@PathVariable String programId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String capacity, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", trimmed(name));
        body.put("capacity", number(capacity));
        try {
            if (capacity != null && !capacity.isBlank() && number(capacity) == null) {
                throw new ServiceProblem(400, new org.openiop.webui.services.Problem("Invalid input", null, "invalid",
                        400, java.util.List.of(new org.openiop.webui.services.Problem.FieldError("capacity",
                                "Please type the number of seats, such as 12."))));
            }
            apis.scheduling().post(Api.Room.class, body, "/api/programs/{id}/rooms", programId);
        } catch (ServiceProblem e) {
            return refused(model, programId, e, "room", Map.of("name", String.valueOf(name), "capacity",
                    String.valueOf(capacity)));
        }
        redirect.addFlashAttribute("notice", "Room added: " + trimmed(name) + ".");
        return "redirect:/admin/programs/" + programId + "/staffing";
    }

    @PostMapping("/admin/programs/{programId}/rooms/{roomId}")
    String editRoom(@PathVariable String programId, @PathVariable String roomId,
            @RequestParam(required = false) String name, @RequestParam(required = false) String capacity,
            @RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", trimmed(name));
        body.put("capacity", number(capacity));
        body.put("active", active);
        try {
            apis.scheduling().put(Api.Room.class, body, "/api/rooms/{id}", roomId);
        } catch (ServiceProblem e) {
            return refused(model, programId, e, "room-" + roomId, Map.of());
        }
        redirect.addFlashAttribute("notice", "Saved " + trimmed(name) + (active ? "." : " (not in use)."));
        return "redirect:/admin/programs/" + programId + "/staffing";
    }

    /** The page again with the service's refusal beside the fields of the form that was sent. */
    private String refused(Model model, String programId, ServiceProblem e, String form, Map<String, String> entered) {
        fill(model, programId);
        model.addAttribute("failedForm", form);
        model.addAttribute("errors", PlainErrors.of(e.problem()));
        model.addAttribute("entered", entered);
        return "admin/staffing";
    }

    private void fill(Model model, String programId) {
        model.addAttribute("program", directory.program(programId));
        model.addAttribute("clinicians", directory.clinicians(programId));
        model.addAttribute("rooms", directory.rooms(programId));
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Integer number(String s) {
        try {
            return s == null || s.isBlank() ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
