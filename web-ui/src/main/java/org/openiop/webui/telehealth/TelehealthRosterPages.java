package org.openiop.webui.telehealth;

import java.time.Instant;
import java.time.LocalDate;
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

/**
 * The roster's video part of a telehealth or hybrid session (loaded into the roster by htmx): who the video
 * platform reported, matched to whom, and the participants nobody could be matched to, with a form to match each
 * by hand. Matching records the attendance at once (attendance-service computes it from the participant's times).
 */
@Controller
class TelehealthRosterPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    TelehealthRosterPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    record Interval(Instant joinedAt, Instant leftAt) {
    }

    record Participant(String id, String displayName, String bookingId, String matchedBy, List<Interval> intervals) {
    }

    record Seat(String bookingId, String name) {
    }

    @GetMapping("/staff/programs/{programId}/sessions/{sessionId}/video")
    String participants(@PathVariable String programId, @PathVariable String sessionId, Model model) {
        Api.Program program = directory.program(programId);
        Map<String, String> names = directory.clientNames(programId);
        List<Api.Booking> seats = apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                "/api/sessions/{id}/bookings", sessionId);
        List<Participant> participants;
        try {
            participants = apis.attendance().get(new ParameterizedTypeReference<List<Participant>>() { },
                    "/api/sessions/{id}/telehealth/participants", sessionId);
        } catch (ServiceProblem e) {
            participants = List.of(); // attendance has not heard of the session yet
        }
        Map<String, String> seatNames = new java.util.HashMap<>();
        seats.forEach(s -> seatNames.put(s.id(), names.getOrDefault(s.clientId(), "Client")));
        model.addAttribute("program", program);
        model.addAttribute("sessionId", sessionId);
        model.addAttribute("participants", participants);
        model.addAttribute("seatNames", seatNames);
        model.addAttribute("seats", seats.stream().map(s -> new Seat(s.id(), seatNames.get(s.id())))
                .sorted((a, b) -> a.name().compareToIgnoreCase(b.name())).toList());
        return "staff/video :: participants";
    }

    @PostMapping("/staff/programs/{programId}/video-participants/{participantId}/match")
    String match(@PathVariable String programId, @PathVariable String participantId, @RequestParam String bookingId,
            @RequestParam String sessionId, RedirectAttributes redirect) {
        LocalDate date = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId).date();
        try {
            apis.attendance().post(Map.class, Map.of("bookingId", bookingId),
                    "/api/telehealth/participants/{id}/match", participantId);
            redirect.addFlashAttribute("notice", "Participant matched; attendance recorded from the video times.");
        } catch (ServiceProblem e) {
            redirect.addFlashAttribute("failure", e.getMessage());
        }
        return "redirect:/staff/programs/" + programId + "/roster?date=" + date;
    }
}
