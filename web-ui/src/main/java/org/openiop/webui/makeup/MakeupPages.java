package org.openiop.webui.makeup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Make-up options on the officer's side of a client: the week's attended and still-scheduled minutes come from
 * attendance-service's compliance week, the sessions that would reach the minimum from scheduling-service
 * (docs/adr/0010-make-up-options-and-waitlists.md). A user who also holds STAFF books an option in one click.
 */
@Controller
class MakeupPages {

    record Candidate(String sessionId, String sessionType, LocalDate date, String block, Instant startsAt,
            Instant endsAt, int freeSeats, long minutes) {
    }

    record Option(List<Candidate> sessions, long minutes, long weekMinutesAfter) {
    }

    record Options(String clientId, LocalDate weekStart, LocalDate weekEnd, int minimumMinutes, int attendedMinutes,
            long scheduledMinutes, long shortfallMinutes, List<Option> options) {
    }

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    MakeupPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/officer/clients/{clientId}/makeup")
    String options(@PathVariable String clientId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model, Authentication user) {
        fill(model, clientId, week, user);
        return "officer/makeup";
    }

    /** Books every session of the chosen option; a seat taken meanwhile is refused by scheduling and shown. */
    @PostMapping("/officer/clients/{clientId}/makeup")
    String book(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            @RequestParam List<String> sessionId, Model model, Authentication user, RedirectAttributes redirect) {
        try {
            for (String session : sessionId) {
                apis.scheduling().post(Api.Booking.class, Map.of("clientId", clientId),
                        "/api/sessions/{id}/bookings", session);
            }
        } catch (ServiceProblem e) {
            fill(model, clientId, week, user);
            model.addAttribute("problem", e.problem());
            return "officer/makeup";
        }
        redirect.addFlashAttribute("notice", "Booked the make-up: "
                + directory.client(clientId).displayName() + ".");
        return "redirect:/officer/clients/" + clientId + "/makeup?week=" + week;
    }

    private void fill(Model model, String clientId, LocalDate week, Authentication user) {
        Api.Enrolment client = directory.client(clientId);
        Api.ClientHistory history = apis.attendance().get(Api.ClientHistory.class, "/api/clients/{id}/compliance",
                clientId);
        List<Api.ClientWeekDetail> weeks = history.weeks().stream()
                .filter(w -> client.programId().equals(w.programId()))
                .sorted(Comparator.comparing(Api.ClientWeekDetail::weekStart)).toList();
        Api.ClientWeekDetail selected = weeks.stream().filter(w -> w.weekStart().equals(week)).findFirst()
                .orElse(weeks.isEmpty() ? null : weeks.get(weeks.size() - 1));
        model.addAttribute("client", client);
        model.addAttribute("program", directory.program(client.programId()));
        model.addAttribute("selected", selected);
        model.addAttribute("canBook", user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_STAFF")));
        if (selected != null) {
            model.addAttribute("makeup", apis.scheduling().get(new ParameterizedTypeReference<Options>() { },
                    b -> b.path("/api/clients/{id}/makeup-options").queryParam("week", selected.weekStart())
                            .queryParam("attendedMinutes", selected.attendedMinutes())
                            .queryParam("scheduledMinutes", selected.scheduledRemainingMinutes()).build(clientId)));
        }
    }
}
