package org.openiop.webui.staff;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Staff: the program picker, the week board, one session with its seats, and booking a client into it. */
@Controller
class WeekBoardPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Gather gather;

    WeekBoardPages(Services.Apis apis, ProgramDirectory directory, Gather gather) {
        this.apis = apis;
        this.gather = gather;
        this.directory = directory;
    }

    @GetMapping("/staff")
    String home() {
        return "redirect:/staff/today";
    }

    @GetMapping("/staff/programs/{programId}/week")
    String week(@PathVariable String programId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Model model) {
        Api.Program program = directory.program(programId);
        Api.WeekBoard board = apis.scheduling().get(new ParameterizedTypeReference<Api.WeekBoard>() { },
                b -> date == null ? b.path("/api/programs/{id}/week-board").build(programId)
                        : b.path("/api/programs/{id}/week-board").queryParam("date", date).build(programId));
        model.addAttribute("program", program);
        model.addAttribute("board", board);
        model.addAttribute("blocks", board.days().stream().flatMap(d -> d.blocks().stream()).map(Api.Cell::block)
                .distinct().toList());
        model.addAttribute("clinicians", directory.clinicianNames(programId));
        model.addAttribute("rooms", directory.roomNames(programId));
        model.addAttribute("today", LocalDate.now(ZoneId.of(program.timeZone())));
        return "staff/week";
    }

    @GetMapping("/staff/sessions/{sessionId}")
    String session(@PathVariable String sessionId, @RequestParam(required = false) String q, Model model) {
        // its seats are fetched side by side with the session itself (issue 21)
        Gather.Pending<List<Api.Booking>> seats = gather.start(() -> seats(sessionId));
        Api.Session session = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        fill(model, session, q, seats);
        return "staff/session";
    }

    @PostMapping("/staff/sessions/{sessionId}/bookings")
    String book(@PathVariable String sessionId, @RequestParam(required = false) String clientId,
            @RequestParam(required = false) String lateEntryReason, Model model, RedirectAttributes redirect) {
        Api.Session session = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        try {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            if (clientId != null && !clientId.isBlank()) {
                body.put("clientId", clientId);
            }
            if (lateEntryReason != null && !lateEntryReason.isBlank()) {
                body.put("lateEntryReason", lateEntryReason.strip());
            }
            apis.scheduling().post(Api.Booking.class, body, "/api/sessions/{id}/bookings", sessionId);
        } catch (ServiceProblem e) {
            fill(model, session, null);
            model.addAttribute("lateEntryReason", lateEntryReason);
            model.addAttribute("problem", e.problem());
            java.util.Map<String, String> errors = new java.util.LinkedHashMap<>(
                    org.openiop.webui.services.PlainErrors.of(e.problem()));
            errors.computeIfPresent("clientId", (f, m) -> clientId == null || clientId.isBlank()
                    ? "Please search for the client and choose them first." : m);
            model.addAttribute("errors", errors);
            if ("client-double-booked".equals(e.problem().code())) {
                model.addAttribute("clash", clash(clientId, session));
            }
            return "staff/session";
        }
        redirect.addFlashAttribute("notice", "Booked " + directory.client(clientId).displayName() + ".");
        return "redirect:/staff/sessions/" + sessionId;
    }

    /** The booking a refused one clashes with, in the words of the week board: which session, when, where. */
    record Clash(String clientName, Api.Booking booking, String where) {
    }

    /** One line of scheduling's client schedule. */
    record ClientSeat(String bookingId, String sessionId, String seriesId, String sessionType, String block,
            LocalDate date, java.time.Instant startsAt, java.time.Instant endsAt, String timeZone) {
    }

    private Clash clash(String clientId, Api.Session wanted) {
        try {
            ClientSeat other = apis.scheduling()
                    .get(new ParameterizedTypeReference<Api.PageOf<ClientSeat>>() { },
                            b -> b.path("/api/clients/{id}/schedule").queryParam("from", wanted.date().minusDays(1))
                                    .queryParam("to", wanted.date().plusDays(1)).build(clientId))
                    .items().stream()
                    .filter(b -> b.startsAt().isBefore(wanted.endsAt()) && wanted.startsAt().isBefore(b.endsAt()))
                    .findFirst().orElse(null);
            if (other == null) {
                return null;
            }
            Api.Session session = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", other.sessionId());
            String where = session.roomId() != null
                    ? directory.roomNames(session.programId()).getOrDefault(session.roomId(), "") : "";
            return new Clash(directory.client(clientId).displayName(), new Api.Booking(other.bookingId(), clientId,
                    other.sessionId(), session.programId(), other.seriesId(), "BOOKED", other.sessionType(),
                    other.block(), other.date(), other.startsAt(), other.endsAt(), other.timeZone()), where);
        } catch (ServiceProblem e) {
            return null; // the refusal itself is still shown
        }
    }

    /** Clients already holding a seat in the session (left out of its booking search). */
    private java.util.Set<String> bookedIn(String sessionId) {
        return apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                "/api/sessions/{id}/bookings", sessionId).stream().map(Api.Booking::clientId)
                .collect(java.util.stream.Collectors.toSet());
    }

    private List<Api.Enrolment> search(String programId, String q, String excludingSession, Model model) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        List<Api.Enrolment> found = directory.search(programId, q);
        if (excludingSession == null || excludingSession.isBlank()) {
            return found;
        }
        java.util.Set<String> booked = bookedIn(excludingSession);
        List<Api.Enrolment> free = found.stream().filter(e -> !booked.contains(e.clientId())).toList();
        model.addAttribute("alreadyBooked", found.size() - free.size());
        return free;
    }

    /** Active clients matching a name, as radio buttons (htmx active search, or the plain form's results). */
    @GetMapping("/staff/programs/{programId}/clients")
    String clients(@PathVariable String programId, @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String session, Model model) {
        model.addAttribute("matches", search(programId, q, session, model));
        model.addAttribute("q", q);
        model.addAttribute("date", date);
        return "staff/fragments :: matches";
    }

    /** The client's planned minutes against the weekly minimum, for the week of {@code date}. */
    @GetMapping("/staff/clients/{clientId}/planned")
    String planned(@PathVariable String clientId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Model model) {
        model.addAttribute("planned", plannedWeek(clientId, date));
        model.addAttribute("client", directory.client(clientId));
        return "staff/fragments :: planned";
    }

    Api.PlannedWeek plannedWeek(String clientId, LocalDate date) {
        List<Api.PlannedWeek> weeks = apis.scheduling().get(new ParameterizedTypeReference<List<Api.PlannedWeek>>() { },
                b -> {
                    b.path("/api/clients/{id}/planned-minutes").queryParam("weeks", 1);
                    if (date != null) {
                        b.queryParam("from", date);
                    }
                    return b.build(clientId);
                });
        return weeks.isEmpty() ? null : weeks.get(0);
    }

    private List<Api.Booking> seats(String sessionId) {
        return apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                "/api/sessions/{id}/bookings", sessionId);
    }

    private void fill(Model model, Api.Session session, String q) {
        fill(model, session, q, gather.start(() -> seats(session.id())));
    }

    /** The session page's parts need only the session's program: they are fetched together (issue 21). */
    private void fill(Model model, Api.Session session, String q, Gather.Pending<List<Api.Booking>> seats) {
        String programId = session.programId();
        Gather.Pending<List<Api.Enrolment>> enrolments = gather.start(() -> directory.enrolments(programId));
        Gather.Pending<Api.Program> program = gather.start(() -> directory.program(programId));
        Gather.Pending<Map<String, String>> clinicians = gather.start(() -> directory.clinicianNames(programId));
        Gather.Pending<Map<String, String>> rooms = gather.start(() -> directory.roomNames(programId));
        // the booking search looks in the enrolments and seats fetched for the page, not in a second copy of them
        List<Api.Enrolment> matches = List.of();
        if (q != null && !q.isBlank()) {
            List<Api.Enrolment> found = ProgramDirectory.search(enrolments.get(), q);
            java.util.Set<String> booked = seats.get().stream().map(Api.Booking::clientId)
                    .collect(java.util.stream.Collectors.toSet());
            matches = found.stream().filter(e -> !booked.contains(e.clientId())).toList();
            model.addAttribute("alreadyBooked", found.size() - matches.size());
        }
        model.addAttribute("matches", matches);
        model.addAttribute("program", program.get());
        model.addAttribute("slot", session); // "session" is reserved in Thymeleaf (the HTTP session)
        model.addAttribute("seats", seats.get());
        model.addAttribute("names", ProgramDirectory.names(enrolments.get()));
        model.addAttribute("clinicians", clinicians.get());
        model.addAttribute("rooms", rooms.get());
        model.addAttribute("q", q);
        model.addAttribute("date", session.date());
        // a seat in a session that has started is a late entry (ADR 0012): the booking form asks why
        model.addAttribute("started", session.startsAt() != null && !session.startsAt().isAfter(java.time.Instant.now()));
    }
}
