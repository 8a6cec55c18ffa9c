package org.openiop.webui.makeup;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
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

/** A full session's waitlist for staff: the queue in order, who holds a freed seat until when, and its history. */
@Controller
class WaitlistPages {

    record HistoryRow(String status, Instant heldUntil, String actor, Instant at) {
    }

    record Entry(String id, String sessionId, String clientId, Integer place, String status, Instant heldUntil,
            String bookingId, Instant createdAt, List<HistoryRow> history) {
    }

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    WaitlistPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/staff/sessions/{sessionId}/waitlist")
    String queue(@PathVariable String sessionId, @RequestParam(required = false) String q, Model model) {
        fill(model, sessionId, q);
        return "staff/waitlist";
    }

    @PostMapping("/staff/sessions/{sessionId}/waitlist")
    String add(@PathVariable String sessionId, @RequestParam(required = false) String clientId, Model model,
            RedirectAttributes redirect) {
        return act(sessionId, model, redirect, "Added to the waitlist.", () -> apis.scheduling().post(Map.class,
                clientId == null || clientId.isBlank() ? Map.of() : Map.of("clientId", clientId),
                "/api/sessions/{id}/waitlist", sessionId));
    }

    @PostMapping("/staff/waitlist/{entryId}/{answer:accept|decline}")
    String answer(@PathVariable String entryId, @PathVariable String answer, @RequestParam String sessionId,
            Model model, RedirectAttributes redirect) {
        return act(sessionId, model, redirect, "accept".equals(answer) ? "Booked from the waitlist." : "Declined.",
                () -> apis.scheduling().post(Map.class, Map.of(), "/api/waitlist/{id}/" + answer, entryId));
    }

    private String act(String sessionId, Model model, RedirectAttributes redirect, String notice, Runnable call) {
        try {
            call.run();
        } catch (ServiceProblem e) {
            fill(model, sessionId, null);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", e.problem().byField());
            return "staff/waitlist";
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/staff/sessions/" + sessionId + "/waitlist";
    }

    private void fill(Model model, String sessionId, String q) {
        Api.Session session = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        List<Entry> entries = apis.scheduling().get(new ParameterizedTypeReference<List<Entry>>() { },
                "/api/sessions/{id}/waitlist", sessionId);
        model.addAttribute("slot", session);
        model.addAttribute("entries", entries);
        model.addAttribute("names", directory.clientNames(session.programId()));
        model.addAttribute("program", directory.program(session.programId()));
        model.addAttribute("q", q);
        model.addAttribute("date", session.date());
        model.addAttribute("matches", q == null || q.isBlank() ? List.of() : directory.search(session.programId(), q));
    }
}
