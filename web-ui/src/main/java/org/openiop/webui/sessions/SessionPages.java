package org.openiop.webui.sessions;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.openiop.webui.telehealth.SessionModalityPages;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff: a one-off session, and cancelling or moving a whole session (every seat in it) with a reason. */
@Controller
class SessionPages {

    static final List<String> TYPES = List.of("GROUP", "INDIVIDUAL", "FAMILY");
    static final List<String> REASONS = List.of("CLINICIAN_UNAVAILABLE", "CLIENT_REQUEST", "OTHER");

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Clock clock = Clock.systemUTC();

    SessionPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/staff/programs/{programId}/sessions/new")
    String newSession(@PathVariable String programId, Model model) {
        Api.Program program = directory.program(programId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("date", LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))).plusDays(1).toString());
        form.put("capacity", String.valueOf(program.defaultGroupCapacity()));
        form.put("type", "GROUP");
        fillNew(model, program, form);
        return "sessions/new";
    }

    @PostMapping("/staff/programs/{programId}/sessions")
    String create(@PathVariable String programId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", blankToNull(form.get("type")));
        body.put("date", blankToNull(form.get("date")));
        timing(body, form);
        body.put("capacity", blankToNull(form.get("capacity")));
        body.put("topic", blankToNull(form.get("topic")));
        body.put("clinicianId", blankToNull(form.get("clinicianId")));
        body.put("roomId", blankToNull(form.get("roomId")));
        body.put("lateEntryReason", blankToNull(form.get("lateEntryReason")));
        SessionModalityPages.addTo(body, form);
        try {
            Api.Session created = apis.scheduling().post(Api.Session.class, body, "/api/programs/{id}/sessions",
                    programId);
            redirect.addFlashAttribute("notice", "Session created.");
            return "redirect:/staff/sessions/" + created.id();
        } catch (ServiceProblem e) {
            showRefusal(model, e);
            fillNew(model, directory.program(programId), form);
            return "sessions/new";
        }
    }

    /** A block's name, or custom local times when "Custom times" is chosen. */
    static void timing(Map<String, Object> body, Map<String, String> form) {
        String block = blankToNull(form.get("block"));
        if (block == null || "CUSTOM".equals(block)) {
            body.put("startTime", blankToNull(form.get("startTime")));
            body.put("endTime", blankToNull(form.get("endTime")));
        } else {
            body.put("block", block);
        }
    }

    private void fillNew(Model model, Api.Program program, Map<String, String> form) {
        model.addAttribute("program", program);
        model.addAttribute("form", form);
        model.addAttribute("types", TYPES);
        model.addAttribute("today", LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))));
        model.addAttribute("clinicians", directory.clinicians(program.id()).stream().filter(Api.Clinician::active)
                .toList());
        model.addAttribute("rooms", directory.rooms(program.id()).stream().filter(Api.Room::active).toList());
    }

    @GetMapping("/staff/sessions/{sessionId}/cancel")
    String cancelForm(@PathVariable String sessionId, Model model) {
        fillChange(model, sessionId, Map.of());
        return "sessions/cancel";
    }

    @PostMapping("/staff/sessions/{sessionId}/cancel")
    String cancel(@PathVariable String sessionId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(form.get("reason")));
        body.put("note", blankToNull(form.get("note")));
        Map<?, ?> result;
        try {
            result = apis.scheduling().post(Map.class, body, "/api/sessions/{id}/cancel", sessionId);
        } catch (ServiceProblem e) {
            showRefusal(model, e);
            fillChange(model, sessionId, form);
            return "sessions/cancel";
        }
        Object told = result == null ? null : result.get("cancelledBookings");
        redirect.addFlashAttribute("notice", "Session cancelled; " + ("1".equals(String.valueOf(told))
                ? "its client is told." : (told == null ? "its" : told) + " clients are told."));
        return "redirect:/staff/sessions/" + sessionId;
    }

    @GetMapping("/staff/sessions/{sessionId}/reschedule")
    String rescheduleForm(@PathVariable String sessionId, Model model) {
        Api.Session s = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("date", s.date().toString());
        form.put("block", s.block() == null ? "CUSTOM" : s.block());
        form.put("startTime", s.startTime().toString());
        form.put("endTime", s.endTime().toString());
        fillChange(model, sessionId, form);
        return "sessions/reschedule";
    }

    @PostMapping("/staff/sessions/{sessionId}/reschedule")
    String reschedule(@PathVariable String sessionId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", blankToNull(form.get("date")));
        timing(body, form);
        body.put("reason", blankToNull(form.get("reason")));
        body.put("note", blankToNull(form.get("note")));
        try {
            apis.scheduling().post(Api.Session.class, body, "/api/sessions/{id}/reschedule", sessionId);
        } catch (ServiceProblem e) {
            showRefusal(model, e);
            fillChange(model, sessionId, form);
            return "sessions/reschedule";
        }
        redirect.addFlashAttribute("notice", "Session moved; its clients are told.");
        return "redirect:/staff/sessions/" + sessionId;
    }

    private void fillChange(Model model, String sessionId, Map<String, String> form) {
        Api.Session s = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        Map<String, String> names = directory.clientNames(s.programId());
        List<String> booked = apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                "/api/sessions/{id}/bookings", sessionId).stream().filter(b -> "BOOKED".equals(b.status()))
                .map(b -> names.getOrDefault(b.clientId(), "Client")).sorted(String.CASE_INSENSITIVE_ORDER).toList();
        model.addAttribute("slot", s);
        model.addAttribute("program", directory.program(s.programId()));
        model.addAttribute("booked", booked);
        model.addAttribute("reasons", REASONS);
        model.addAttribute("form", form);
    }

    /**
     * The service refused what was entered: its problem and the field errors in plain words go on the page, which is
     * then filled again with the form as entered. A 5xx is the service failing, not the form, and goes on up.
     */
    private static void showRefusal(Model model, ServiceProblem e) {
        if (e.status() >= 500) {
            throw e;
        }
        model.addAttribute("problem", e.problem());
        model.addAttribute("errors", PlainErrors.of(e.problem()));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
