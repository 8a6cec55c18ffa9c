package org.openiop.webui.staff;

import java.util.LinkedHashMap;
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
 * Cancelling and moving one booking. Both are two steps on purpose: the first page names what will change and asks
 * for the reason; only its confirm button changes anything.
 */
@Controller
class BookingChangePages {

    /** The coded reasons a person may pick (the others are set by the system itself). */
    static final List<String> REASONS = List.of("CLIENT_REQUEST", "CLINICIAN_UNAVAILABLE", "OTHER");

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    BookingChangePages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/staff/bookings/{bookingId}/cancel")
    String confirmCancel(@PathVariable String bookingId, Model model) {
        fill(model, bookingId);
        return "staff/cancel";
    }

    @PostMapping("/staff/bookings/{bookingId}/cancel")
    String cancel(@PathVariable String bookingId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(reason));
        body.put("note", blankToNull(note));
        Api.Booking booking;
        try {
            booking = apis.scheduling().post(Api.Booking.class, body, "/api/bookings/{id}/cancel", bookingId);
        } catch (ServiceProblem e) {
            fill(model, bookingId);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", e.problem().byField());
            return "staff/cancel";
        }
        redirect.addFlashAttribute("notice", "Booking cancelled.");
        return "redirect:/staff/sessions/" + booking.sessionId();
    }

    @GetMapping("/staff/bookings/{bookingId}/reschedule")
    String chooseSession(@PathVariable String bookingId, Model model) {
        fill(model, bookingId);
        return "staff/reschedule";
    }

    @PostMapping("/staff/bookings/{bookingId}/reschedule")
    String reschedule(@PathVariable String bookingId, @RequestParam(required = false) String sessionId,
            @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", blankToNull(sessionId));
        body.put("reason", blankToNull(reason));
        Api.Booking moved;
        try {
            moved = apis.scheduling().post(Api.Booking.class, body, "/api/bookings/{id}/reschedule", bookingId);
        } catch (ServiceProblem e) {
            fill(model, bookingId);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", e.problem().byField());
            return "staff/reschedule";
        }
        redirect.addFlashAttribute("notice", "Booking moved.");
        return "redirect:/staff/sessions/" + moved.sessionId();
    }

    private void fill(Model model, String bookingId) {
        Api.Booking booking = apis.scheduling().get(Api.Booking.class, "/api/bookings/{id}", bookingId);
        Api.Program program = directory.program(booking.programId());
        model.addAttribute("booking", booking);
        model.addAttribute("program", program);
        model.addAttribute("clientName", directory.client(booking.clientId()).displayName());
        model.addAttribute("reasons", REASONS);
        // Other sessions of the same type from the booking's day on, over two weeks: where it can move to.
        List<Api.Session> options = apis.scheduling()
                .get(new ParameterizedTypeReference<Api.PageOf<Api.Session>>() { },
                        b -> b.path("/api/programs/{id}/sessions").queryParam("from", booking.date().minusDays(7))
                                .queryParam("to", booking.date().plusDays(14)).queryParam("size", 200)
                                .build(booking.programId()))
                .items().stream()
                .filter(s -> !s.id().equals(booking.sessionId()) && s.type().equals(booking.sessionType()))
                .toList();
        model.addAttribute("options", options);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
