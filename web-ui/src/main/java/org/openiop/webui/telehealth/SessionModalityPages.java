package org.openiop.webui.telehealth;

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
 * Staff: change how a session is held (in person, telehealth, hybrid) and its meeting link after it was created
 * ({@code PUT /api/sessions/{id}/modality}); booked clients' reminders follow. Refusals are shown beside their fields.
 */
@Controller
public class SessionModalityPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    SessionModalityPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    record JoinLink(String sessionId, String modality, String joinUrl) {
    }

    /** The form fields of a new session or series for how it is held: nothing for an in-person one. */
    public static void addTo(Map<String, Object> body, Map<String, String> form) {
        String modality = blankToNull(form.get("modality"));
        if (modality != null) {
            body.put("modality", modality);
        }
        String joinUrl = blankToNull(form.get("joinUrl"));
        if (joinUrl != null) {
            body.put("joinUrl", joinUrl);
        }
    }

    @GetMapping("/staff/sessions/{sessionId}/modality")
    String form(@PathVariable String sessionId, Model model) {
        JoinLink link = apis.scheduling().get(JoinLink.class, "/api/sessions/{id}/join-link", sessionId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("modality", link.modality());
        form.put("joinUrl", link.joinUrl() == null ? "" : link.joinUrl());
        fill(model, sessionId, form);
        return "telehealth/change";
    }

    @PostMapping("/staff/sessions/{sessionId}/modality")
    String change(@PathVariable String sessionId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("modality", blankToNull(form.get("modality")));
        addTo(body, form);
        try {
            Api.Session changed = apis.scheduling().put(Api.Session.class, body, "/api/sessions/{id}/modality",
                    sessionId);
            redirect.addFlashAttribute("notice", switch (changed.modality()) {
                case "TELEHEALTH" -> "The session is held by video; its clients' reminders carry their join link.";
                case "HYBRID" -> "The session is held in the room and by video.";
                default -> "The session is held in person.";
            });
            return "redirect:/staff/sessions/" + sessionId;
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            fill(model, sessionId, form);
            return "telehealth/change";
        }
    }

    private void fill(Model model, String sessionId, Map<String, String> form) {
        Api.Session slot = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        Map<String, String> names = directory.clientNames(slot.programId());
        List<String> booked = apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                "/api/sessions/{id}/bookings", sessionId).stream().filter(b -> "BOOKED".equals(b.status()))
                .map(b -> names.getOrDefault(b.clientId(), "Client")).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        model.addAttribute("slot", slot);
        model.addAttribute("program", directory.program(slot.programId()));
        model.addAttribute("booked", booked);
        model.addAttribute("form", form);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
