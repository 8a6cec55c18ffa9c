package org.openiop.webui.clients;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's chart: enrolment and phase, contact and consent per channel, sessions before and after today with
 * attendance, the weeks' hours, certifications and the client's link; and the changes staff make from it.
 */
@Controller
class ClientChartPages {

    /** How far the chart looks back and ahead. */
    static final int PAST_DAYS = 28;
    static final int AHEAD_DAYS = 28;
    /** scheduling's largest page: the chart's window (two more days) fits it for any client's timetable. */
    static final int SCHEDULE_SIZE = 200;
    static final List<String> DISCHARGE_REASONS = List.of("CLIENT_DISCHARGED", "CLIENT_REQUEST", "OTHER");

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Gather gather;
    private final Clock clock = Clock.systemUTC();

    ClientChartPages(Services.Apis apis, ProgramDirectory directory, Gather gather) {
        this.apis = apis;
        this.gather = gather;
        this.directory = directory;
    }

    /** A booked session and, once it is over, what attendance recorded (null: nothing yet). */
    record Visit(Api.ClientSeat seat, Api.AttendanceRecord record) {
    }

    @GetMapping("/staff/clients/{clientId}")
    String chart(@PathVariable String clientId, Authentication user, Model model) {
        Sections sections = start(clientId, user); // side by side with the enrolment (issue 21)
        Api.Enrolment client = directory.client(clientId);
        fill(model, client, user, sections);
        return "clients/chart";
    }

    /** The parts of the chart that need only the client's identifier, under way together. */
    private record Sections(Gather.Pending<List<Api.ClientSeat>> schedule,
            Gather.Pending<Optional<Api.Contact>> contact, Gather.Pending<List<Api.Certification>> certifications,
            Gather.Pending<List<Api.Series>> series, Gather.Pending<Api.ClientHistory> history) {
    }

    private Sections start(String clientId, Authentication user) {
        // The schedule is asked for before the program's zone (hence its "today") is known: a day more each side
        // of today in UTC covers today in any zone; fill() keeps the chart's own window.
        LocalDate utcToday = LocalDate.now(clock);
        return new Sections(gather.start(() -> apis.scheduling().get(
                new ParameterizedTypeReference<Api.PageOf<Api.ClientSeat>>() { },
                b -> b.path("/api/clients/{id}/schedule").queryParam("from", utcToday.minusDays(PAST_DAYS + 1))
                        .queryParam("to", utcToday.plusDays(AHEAD_DAYS + 1)).queryParam("size", SCHEDULE_SIZE)
                        .build(clientId)).items()),
                gather.start(() -> contact(clientId)),
                gather.start(() -> apis.attendance().get(new ParameterizedTypeReference<List<Api.Certification>>() { },
                        "/api/clients/{id}/certifications", clientId)),
                gather.start(() -> apis.scheduling().get(new ParameterizedTypeReference<List<Api.Series>>() { },
                        "/api/clients/{id}/series", clientId)),
                ClientPages.officer(user) ? gather.start(() -> apis.attendance().get(Api.ClientHistory.class,
                        "/api/clients/{id}/compliance", clientId)) : null);
    }

    void fill(Model model, Api.Enrolment client, Authentication user) {
        fill(model, client, user, start(client.clientId(), user));
    }

    private void fill(Model model, Api.Enrolment client, Authentication user, Sections sections) {
        Api.Program program = directory.program(client.programId());
        ZoneId zone = ZoneId.of(program.timeZone());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant now = clock.instant();
        Gather.Pending<List<Api.PlannedWeek>> planned = gather.start(() -> apis.scheduling().get(
                new ParameterizedTypeReference<List<Api.PlannedWeek>>() { },
                b -> b.path("/api/clients/{id}/planned-minutes").queryParam("from", today).queryParam("weeks", 2)
                        .build(client.clientId())));
        LocalDate first = today.minusDays(PAST_DAYS);
        LocalDate last = today.plusDays(AHEAD_DAYS);
        List<Api.ClientSeat> seats = sections.schedule().get().stream()
                .filter(s -> !s.date().isBefore(first) && !s.date().isAfter(last))
                .sorted(Comparator.comparing(Api.ClientSeat::startsAt)).toList();
        List<Api.ClientSeat> upcoming = seats.stream().filter(s -> s.endsAt().isAfter(now)).toList();
        // what attendance recorded for each past seat: one call per booking, all at once
        List<Api.ClientSeat> ended = seats.stream().filter(s -> !s.endsAt().isAfter(now))
                .sorted(Comparator.comparing(Api.ClientSeat::startsAt).reversed()).toList();
        List<Gather.Pending<Api.AttendanceRecord>> records = ended.stream()
                .map(s -> gather.start(() -> attendance(s.bookingId()))).toList();
        List<Visit> past = new ArrayList<>();
        for (int i = 0; i < ended.size(); i++) {
            past.add(new Visit(ended.get(i), records.get(i).get()));
        }
        model.addAttribute("client", client);
        model.addAttribute("program", program);
        model.addAttribute("today", today);
        model.addAttribute("upcoming", upcoming);
        model.addAttribute("past", past);
        model.addAttribute("contact", sections.contact().get().orElse(null));
        model.addAttribute("planned", planned.get());
        if (sections.history() != null) {
            Api.ClientHistory history = sections.history().get();
            model.addAttribute("weeks", history.weeks().stream()
                    .filter(w -> client.programId().equals(w.programId()))
                    .sorted(Comparator.comparing(Api.ClientWeekDetail::weekStart).reversed()).limit(6).toList());
        }
        model.addAttribute("certifications", sections.certifications().get());
        model.addAttribute("series", sections.series().get());
        model.addAttribute("reasons", DISCHARGE_REASONS);
        if (!model.containsAttribute("phase")) {
            model.addAttribute("phase", Map.of("sessionsPerWeek", String.valueOf(client.phaseSessionsPerWeek()),
                    "effectiveFrom", today.toString()));
        }
    }

    private Api.AttendanceRecord attendance(String bookingId) {
        try {
            return apis.attendance().get(Api.BookingAttendance.class, "/api/bookings/{id}/attendance", bookingId)
                    .current();
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private Optional<Api.Contact> contact(String clientId) {
        try {
            return Optional.of(apis.notification().get(Api.Contact.class, "/api/clients/{id}/contact", clientId));
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @PostMapping("/staff/clients/{clientId}/phase")
    String phase(@PathVariable String clientId, @RequestParam Map<String, String> form, Authentication user,
            Model model, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionsPerWeek", form.getOrDefault("sessionsPerWeek", "").isBlank() ? null
                : form.get("sessionsPerWeek").trim());
        body.put("stepDown", "on".equals(form.get("stepDown")));
        ClientPages.putDate(body, form, "effectiveFrom");
        try {
            apis.scheduling().post(Api.Enrolment.class, body, "/api/clients/{id}/phase", clientId);
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("phase", form);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            fill(model, directory.client(clientId), user);
            return "clients/chart";
        }
        redirect.addFlashAttribute("notice", "Phase changed.");
        return "redirect:/staff/clients/" + clientId;
    }

    @GetMapping("/staff/clients/{clientId}/discharge")
    String dischargeForm(@PathVariable String clientId, Model model) {
        Api.Enrolment client = directory.client(clientId);
        Api.Program program = directory.program(client.programId());
        model.addAttribute("client", client);
        model.addAttribute("reasons", DISCHARGE_REASONS);
        model.addAttribute("form", Map.of("dischargeDate",
                LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))).toString()));
        return "clients/discharge";
    }

    @PostMapping("/staff/clients/{clientId}/discharge")
    String discharge(@PathVariable String clientId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        ClientPages.putDate(body, form, "dischargeDate");
        body.put("reason", form.get("reason"));
        if (!form.getOrDefault("note", "").isBlank()) {
            body.put("note", form.get("note").trim());
        }
        try {
            Api.Enrolment e = apis.scheduling().post(Api.Enrolment.class, body, "/api/clients/{id}/discharge",
                    clientId);
            redirect.addFlashAttribute("notice", e.displayName() + " is discharged; later bookings are cancelled.");
        } catch (ServiceProblem e) {
            if (e.status() >= 500) {
                throw e;
            }
            model.addAttribute("client", directory.client(clientId));
            model.addAttribute("reasons", DISCHARGE_REASONS);
            model.addAttribute("form", form);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            return "clients/discharge";
        }
        return "redirect:/staff/clients/" + clientId;
    }

    /** A new personal link for the client; its address is shown once, to copy or read out, and never stored here. */
    @PostMapping("/staff/clients/{clientId}/link")
    String issueLink(@PathVariable String clientId, RedirectAttributes redirect) {
        Api.IssuedLink link = apis.notification().post(Api.IssuedLink.class, Map.of(),
                "/api/clients/{id}/client-links", clientId);
        redirect.addFlashAttribute("issuedLink", link);
        redirect.addFlashAttribute("notice", "A new link is ready to copy below.");
        return "redirect:/staff/clients/" + clientId + "#link";
    }

    @PostMapping("/staff/clients/{clientId}/link/withdraw")
    String withdrawLinks(@PathVariable String clientId, RedirectAttributes redirect) {
        Map<?, ?> result = apis.notification().delete(Map.class, "/api/clients/{id}/client-links", clientId);
        Object revoked = result == null ? 0 : result.get("revoked");
        redirect.addFlashAttribute("notice", "1".equals(String.valueOf(revoked)) ? "The client's link is withdrawn."
                : "The client's links are withdrawn (" + revoked + ").");
        return "redirect:/staff/clients/" + clientId + "#link";
    }
}
