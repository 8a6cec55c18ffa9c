package org.openiop.webui.home;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.openiop.webui.workspace.Workspace;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpSession;

/** Each role's home page: staff see today, officers the clients at risk, admins the programs and their settings. */
@Controller
class HomePages {

    /** Statuses an officer acts on this week. */
    static final Set<String> AT_RISK = Set.of("AT_RISK", "BELOW_MINIMUM");

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Workspace workspace;
    private final ProgramPages programPages;
    private final Gather gather;
    private final Clock clock = Clock.systemUTC();

    HomePages(Services.Apis apis, ProgramDirectory directory, Workspace workspace, ProgramPages programPages,
            Gather gather) {
        this.apis = apis;
        this.gather = gather;
        this.directory = directory;
        this.workspace = workspace;
        this.programPages = programPages;
    }

    @GetMapping("/")
    String home(Authentication user) {
        if (has(user, "ROLE_ADMIN")) {
            return "redirect:/admin";
        }
        if (has(user, "ROLE_STAFF")) {
            return "redirect:/staff/today";
        }
        return has(user, "ROLE_COMPLIANCE_OFFICER") ? "redirect:/officer/home" : "home";
    }

    /** The nav's "Week board": the current program's board, or the switcher when none is chosen yet. */
    @GetMapping("/staff/week")
    String weekBoard(Authentication user, HttpSession session) {
        return workspace.current(user.getName(), session)
                .map(c -> "redirect:/staff/programs/" + c.id() + "/week").orElse("redirect:/programs?then=week");
    }

    /** A session of today with the clients booked into it and, once it has ended, whose attendance is missing. */
    record TodaySession(Api.Session session, List<String> expected, List<Unrecorded> unrecorded,
            boolean attendanceKnowsIt) {
    }

    record Unrecorded(String bookingId, String name) {
    }

    @GetMapping("/staff/today")
    String today(Authentication user, HttpSession session, Model model) {
        Optional<Workspace.Current> current = workspace.current(user.getName(), session);
        if (current.isEmpty()) {
            return "redirect:/programs";
        }
        // independent calls side by side (issue 21): names of clinicians and rooms while the day is fetched
        String programId = current.get().id();
        Gather.Pending<Map<String, String>> clinicians = gather.start(() -> directory.clinicianNames(programId));
        Gather.Pending<Map<String, String>> rooms = gather.start(() -> directory.roomNames(programId));
        Api.Program program = directory.program(programId);
        ZoneId zone = ZoneId.of(program.timeZone());
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        List<Api.Session> sessions = apis.scheduling()
                .get(new ParameterizedTypeReference<Api.PageOf<Api.Session>>() { },
                        b -> b.path("/api/programs/{id}/sessions").queryParam("from", day).queryParam("to", day)
                                .queryParam("size", 100).build(program.id()))
                .items().stream().filter(s -> !"CANCELLED".equals(s.status()))
                .sorted(Comparator.comparing(Api.Session::startsAt)).toList();
        Gather.Pending<Map<String, String>> names = gather.start(
                () -> sessions.isEmpty() ? Map.of() : directory.clientNames(program.id()));
        // each session's seats, and for those already over what attendance recorded, all at once
        List<Gather.Pending<List<Api.Booking>>> seatsOf = sessions.stream().map(s -> gather.start(
                () -> apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                        "/api/sessions/{id}/bookings", s.id()).stream().filter(b -> "BOOKED".equals(b.status()))
                        .toList())).toList();
        List<Gather.Pending<Optional<Set<String>>>> recordedIn = sessions.stream().map(s -> s.endsAt().isAfter(now)
                ? null : gather.start(() -> recorded(s))).toList();
        List<TodaySession> now_ = new ArrayList<>();
        List<TodaySession> next = new ArrayList<>();
        List<TodaySession> earlier = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            Api.Session s = sessions.get(i);
            List<Api.Booking> seats = seatsOf.get(i).get();
            List<String> expected = seats.stream().map(b -> names.get().getOrDefault(b.clientId(), "Client"))
                    .sorted(String.CASE_INSENSITIVE_ORDER).toList();
            if (!s.endsAt().isAfter(now)) {
                earlier.add(ended(s, seats, expected, names.get(), recordedIn.get(i).get()));
            } else if (!s.startsAt().isAfter(now)) {
                now_.add(new TodaySession(s, expected, List.of(), true));
            } else {
                next.add(new TodaySession(s, expected, List.of(), true));
            }
        }
        model.addAttribute("program", program);
        model.addAttribute("day", day);
        model.addAttribute("running", now_);
        model.addAttribute("upcoming", next);
        model.addAttribute("earlier", earlier);
        model.addAttribute("unrecordedCount", earlier.stream().mapToInt(t -> t.unrecorded().size()).sum());
        model.addAttribute("clinicians", clinicians.get());
        model.addAttribute("rooms", rooms.get());
        return "home/staff";
    }

    /** The bookings of a session attendance has a record for; empty when attendance has not heard of it yet. */
    private Optional<Set<String>> recorded(Api.Session s) {
        try {
            Set<String> recorded = new java.util.HashSet<>();
            apis.attendance().get(new ParameterizedTypeReference<List<Api.BookingAttendance>>() { },
                    "/api/sessions/{id}/roster", s.id()).stream().filter(a -> a.current() != null)
                    .forEach(a -> recorded.add(a.bookingId()));
            return Optional.of(recorded);
        } catch (ServiceProblem e) {
            return Optional.empty();
        }
    }

    private TodaySession ended(Api.Session s, List<Api.Booking> seats, List<String> expected,
            Map<String, String> names, Optional<Set<String>> recorded) {
        if (seats.isEmpty()) {
            return new TodaySession(s, expected, List.of(), true);
        }
        if (recorded.isPresent()) {
            List<Unrecorded> missing = seats.stream().filter(b -> !recorded.get().contains(b.id()))
                    .map(b -> new Unrecorded(b.id(), names.getOrDefault(b.clientId(), "Client")))
                    .sorted(Comparator.comparing(Unrecorded::name, String.CASE_INSENSITIVE_ORDER)).toList();
            return new TodaySession(s, expected, missing, true);
        }
        // attendance has not heard of the session yet: nobody's attendance can be recorded there either
        return new TodaySession(s, expected, seats.stream()
                .map(b -> new Unrecorded(b.id(), names.getOrDefault(b.clientId(), "Client"))).toList(), false);
    }

    /** A client at risk this week in one of the officer's programs. */
    record AtRisk(Api.Program program, Api.ClientWeek week, String name, LocalDate weekStart) {
    }

    @GetMapping("/officer/home")
    String officer(Authentication user, Model model) {
        List<Api.Program> programs = programPages.myPrograms(user.getName());
        // each program's week (and, where someone is at risk, its names) side by side: the page's time is the
        // slowest program's, not the sum over the officer's programs
        List<Gather.Pending<List<AtRisk>>> perProgram = programs.stream()
                .map(program -> gather.start(() -> atRisk(program))).toList();
        List<AtRisk> atRisk = new ArrayList<>();
        perProgram.forEach(pending -> atRisk.addAll(pending.get()));
        atRisk.sort(Comparator.comparingLong((AtRisk a) -> shortfall(a.week())).reversed()
                .thenComparing(AtRisk::name, String.CASE_INSENSITIVE_ORDER));
        model.addAttribute("programs", programs);
        model.addAttribute("atRisk", atRisk);
        return "home/officer";
    }

    private List<AtRisk> atRisk(Api.Program program) {
        LocalDate weekStart = program.weekOf(LocalDate.now(clock.withZone(ZoneId.of(program.timeZone()))));
        Api.ProgramWeek week = apis.attendance().get(Api.ProgramWeek.class,
                "/api/programs/{id}/compliance/weeks/{week}", program.id(), weekStart);
        List<Api.ClientWeek> concerning = week.clients().stream().filter(c -> AT_RISK.contains(c.status()))
                .toList();
        if (concerning.isEmpty()) {
            return List.of();
        }
        Map<String, String> names = directory.clientNames(program.id());
        return concerning.stream().map(c -> new AtRisk(program, c, names.getOrDefault(c.clientId(), "Client"),
                weekStart)).toList();
    }

    /** Minutes the client cannot reach even if they attend everything still booked. */
    static long shortfall(Api.ClientWeek w) {
        int minimum = w.minimumMinutes() == null ? 0 : w.minimumMinutes();
        return Math.max(0, minimum - w.attendedMinutes() - w.scheduledRemainingMinutes());
    }

    @GetMapping("/admin")
    String admin(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
            Authentication user, Model model) {
        int p = Math.max(0, page);
        Api.PageOf<Api.Program> found = directory.programs(q, p, ProgramPages.PAGE_SIZE);
        model.addAttribute("found", found);
        model.addAttribute("q", q);
        model.addAttribute("page", p);
        model.addAttribute("hasNext", (long) (p + 1) * ProgramPages.PAGE_SIZE < found.totalItems());
        model.addAttribute("pages", ProgramPages.pages(found.totalItems()));
        return "home/admin";
    }

    private static boolean has(Authentication user, String authority) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals);
    }
}
