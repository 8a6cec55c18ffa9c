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

    /** For a booking of a series: change only this session, or this one and every later one of the series. */
    static final String THIS = "THIS";
    static final String FOLLOWING = "FOLLOWING";

    @PostMapping("/staff/bookings/{bookingId}/cancel")
    String cancel(@PathVariable String bookingId, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String note, @RequestParam(required = false) String scope, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", blankToNull(reason));
        body.put("note", blankToNull(note));
        Api.Booking booking;
        try {
            Api.Booking seat = apis.scheduling().get(Api.Booking.class, "/api/bookings/{id}", bookingId);
            if (FOLLOWING.equals(scope) && seat.seriesId() != null) {
                // the series ends: this day and every later one of it are cancelled, earlier ones stay
                body.put("from", seat.date().toString());
                Api.SeriesReport report = apis.scheduling().post(Api.SeriesReport.class, body,
                        "/api/series/{id}/cancel", seat.seriesId());
                long cancelled = report.occurrences().stream().filter(o -> "CANCELLED".equals(o.outcome())).count();
                redirect.addFlashAttribute("notice", cancelled == 1 ? "This session of the series is cancelled."
                        : "This and the following sessions of the series are cancelled (" + cancelled + ").");
                return "redirect:/staff/sessions/" + seat.sessionId();
            }
            booking = apis.scheduling().post(Api.Booking.class, body, "/api/bookings/{id}/cancel", bookingId);
        } catch (ServiceProblem e) {
            fill(model, bookingId);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", org.openiop.webui.services.PlainErrors.of(e.problem()));
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
            @RequestParam(required = false) String reason, @RequestParam(required = false) String scope,
            Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", blankToNull(sessionId));
        body.put("reason", blankToNull(reason));
        Api.Booking seat = apis.scheduling().get(Api.Booking.class, "/api/bookings/{id}", bookingId);
        boolean following = FOLLOWING.equals(scope) && seat.seriesId() != null && blankToNull(sessionId) != null;
        Api.Session target = null;
        if (following) {
            target = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
            if (!target.startsAt().atZone(java.time.ZoneId.of(target.timeZone())).toLocalTime()
                    .equals(seat.startsAt().atZone(java.time.ZoneId.of(seat.timeZone())).toLocalTime())
                    || target.date().getDayOfWeek() == seat.date().getDayOfWeek()) {
                fill(model, bookingId);
                model.addAttribute("scope", scope);
                model.addAttribute("errors", Map.of("sessionId", "A series keeps its time of day: to move this "
                        + "and the following sessions, choose a session on another weekday at the same time, or "
                        + "move only this session."));
                return "staff/reschedule";
            }
        }
        Api.Booking moved;
        try {
            moved = apis.scheduling().post(Api.Booking.class, body, "/api/bookings/{id}/reschedule", bookingId);
        } catch (ServiceProblem e) {
            fill(model, bookingId);
            model.addAttribute("scope", scope);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", org.openiop.webui.services.PlainErrors.of(e.problem()));
            return "staff/reschedule";
        }
        if (!following) {
            redirect.addFlashAttribute("notice", "Booking moved.");
            return "redirect:/staff/sessions/" + moved.sessionId();
        }
        // the rest of the series follows: from the day after, it meets on the new weekday instead of the old one
        Api.SeriesView series = apis.scheduling().get(Api.SeriesView.class, "/api/series/{id}", seat.seriesId());
        java.util.Set<java.time.DayOfWeek> days = new java.util.TreeSet<>(daysOf(
                series.rules().get(series.rules().size() - 1).rrule()));
        days.remove(seat.date().getDayOfWeek());
        days.add(target.date().getDayOfWeek());
        java.time.LocalDate from = (seat.date().isAfter(target.date()) ? seat.date() : target.date()).plusDays(1);
        try {
            Api.SeriesReport report = apis.scheduling().post(Api.SeriesReport.class, Map.of(
                    "effectiveFrom", from.toString(), "daysOfWeek", days.stream().map(Enum::name).toList()),
                    "/api/series/{id}/frequency", seat.seriesId());
            long refused = report.occurrences().stream().filter(o -> "REFUSED".equals(o.outcome())
                    || "SKIPPED".equals(o.outcome())).count();
            redirect.addFlashAttribute("notice", "Moved. From the next week the series meets on "
                    + target.date().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                            java.util.Locale.ENGLISH) + " instead of "
                    + seat.date().getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL,
                            java.util.Locale.ENGLISH) + "."
                    + (refused > 0 ? " " + refused + " of the new days could not be booked: see the series." : ""));
        } catch (ServiceProblem e) {
            redirect.addFlashAttribute("failure", "This session moved, but the following ones did not: "
                    + e.problem().summary());
        }
        return "redirect:/staff/sessions/" + moved.sessionId();
    }

    /** The weekdays of an RFC 5545 weekly rule's BYDAY part (MO, WE, FR). */
    static List<java.time.DayOfWeek> daysOf(String rrule) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("BYDAY=([A-Z,]+)").matcher(rrule);
        if (!m.find()) {
            return List.of();
        }
        return java.util.Arrays.stream(m.group(1).split(",")).map(code -> java.util.Arrays.stream(
                java.time.DayOfWeek.values()).filter(d -> d.name().startsWith(code)).findFirst().orElseThrow())
                .toList();
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
