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

    /** {@code programId}/{@code programName}: the client's program or a sibling program an admin allows. */
    record Candidate(String sessionId, String sessionType, LocalDate date, String block, Instant startsAt,
            Instant endsAt, int freeSeats, long minutes, String programId, String programName) {
    }

    record Option(List<Candidate> sessions, long minutes, long weekMinutesAfter) {
    }

    record Options(String clientId, LocalDate weekStart, LocalDate weekEnd, int minimumMinutes, int attendedMinutes,
            long scheduledMinutes, long shortfallMinutes, List<Option> options) {
    }

    /** An offer sent to the client, as scheduling-service keeps it; options by number, in the order offered. */
    record OfferedSession(String sessionId, Instant startsAt, Instant endsAt, String bookingId) {
    }

    record OfferedOption(int number, String status, Instant expiresAt, int minutes, List<OfferedSession> sessions) {
    }

    record Offer(String id, String clientId, LocalDate weekStart, String status, Instant expiresAt,
            Integer acceptedOption, String offeredBy, Instant createdAt, List<OfferedOption> options) {
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

    /**
     * Sends the week's options to the client (a user holding STAFF, like booking): scheduling computes them from the same figures the page shows and
     * notification-service texts the client a link to their page, where they choose one.
     */
    @PostMapping("/officer/clients/{clientId}/makeup/offer")
    String sendOffer(@PathVariable String clientId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model, Authentication user, RedirectAttributes redirect) {
        try {
            WeekFigures selected = weeks(clientId).stream().filter(w -> w.weekStart().equals(week))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no such week"));
            apis.scheduling().post(Offer.class, Map.of("week", week, "attendedMinutes", selected.attendedMinutes(),
                    "scheduledMinutes", selected.scheduledRemainingMinutes()), "/api/clients/{id}/makeup-offers",
                    clientId);
        } catch (ServiceProblem e) {
            fill(model, clientId, week, user);
            model.addAttribute("problem", e.problem());
            return "officer/makeup";
        }
        redirect.addFlashAttribute("notice", "Sent the options to " + directory.client(clientId).displayName()
                + ": they choose one on their page.");
        return "redirect:/officer/clients/" + clientId + "/makeup?week=" + week;
    }

    /**
     * Withdraws the client's open offer (a user holding STAFF): their page stops showing it and a choice of it is
     * refused; one already booked cannot be withdrawn (scheduling answers 409, shown here).
     */
    @PostMapping("/officer/clients/{clientId}/makeup/offers/{offerId}/withdrawal")
    String withdraw(@PathVariable String clientId, @PathVariable String offerId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate week,
            Model model, Authentication user, RedirectAttributes redirect) {
        try {
            Offer offer = apis.scheduling().get(Offer.class, "/api/makeup-offers/{id}", offerId);
            if (!offer.clientId().equals(clientId)) {
                throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
            }
            apis.scheduling().post(Offer.class, Map.of(), "/api/makeup-offers/{id}/withdrawal", offerId);
        } catch (ServiceProblem e) {
            fill(model, clientId, week, user);
            model.addAttribute("problem", e.problem());
            return "officer/makeup";
        }
        redirect.addFlashAttribute("notice", "Withdrew the offer: " + directory.client(clientId).displayName()
                + " no longer sees these times.");
        return "redirect:/officer/clients/" + clientId + "/makeup?week=" + week;
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

    /** A client-week's figures as attendance-service gives them to staff and officers (not the officers' detail). */
    record WeekFigures(String programId, LocalDate weekStart, int attendedMinutes, int scheduledRemainingMinutes,
            Integer minimumMinutes, String status, boolean closed) {
    }

    private List<WeekFigures> weeks(String clientId) {
        Api.Enrolment client = directory.client(clientId);
        List<WeekFigures> weeks = apis.attendance().get(new ParameterizedTypeReference<List<WeekFigures>>() { },
                "/api/clients/{id}/week-figures", clientId);
        return weeks.stream().filter(w -> client.programId().equals(w.programId()))
                .sorted(Comparator.comparing(WeekFigures::weekStart)).toList();
    }

    private void fill(Model model, String clientId, LocalDate week, Authentication user) {
        Api.Enrolment client = directory.client(clientId);
        List<WeekFigures> weeks = weeks(clientId);
        WeekFigures selected = weeks.stream().filter(w -> w.weekStart().equals(week)).findFirst()
                .orElse(weeks.isEmpty() ? null : weeks.get(weeks.size() - 1));
        model.addAttribute("client", client);
        model.addAttribute("program", directory.program(client.programId()));
        model.addAttribute("selected", selected);
        model.addAttribute("isOfficer", user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_COMPLIANCE_OFFICER") || a.getAuthority().equals("ROLE_ADMIN")));
        model.addAttribute("canBook", user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_STAFF")));
        if (selected != null) {
            model.addAttribute("makeup", apis.scheduling().get(new ParameterizedTypeReference<Options>() { },
                    b -> b.path("/api/clients/{id}/makeup-options").queryParam("week", selected.weekStart())
                            .queryParam("attendedMinutes", selected.attendedMinutes())
                            .queryParam("scheduledMinutes", selected.scheduledRemainingMinutes()).build(clientId)));
            // the latest offer of that week, so staff see whether the client chose (officers may read it too)
            List<Offer> offers = apis.scheduling().get(new ParameterizedTypeReference<List<Offer>>() { },
                    "/api/clients/{id}/makeup-offers", clientId);
            model.addAttribute("offer", offers.stream().filter(o -> o.weekStart().equals(selected.weekStart()))
                    .findFirst().orElse(null));
        }
    }
}
