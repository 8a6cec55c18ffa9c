package org.openiop.webui.staff;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openiop.webui.services.Api;
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

/** Today's roster: every session of the day with its clients, one click to check in, out or mark an absence. */
@Controller
class RosterPages {

    private final Services.Apis apis;
    private final ProgramDirectory directory;
    private final Arrivals arrivals;
    private final Clock clock = Clock.systemUTC();

    RosterPages(Services.Apis apis, ProgramDirectory directory, Arrivals arrivals) {
        this.apis = apis;
        this.directory = directory;
        this.arrivals = arrivals;
    }

    /**
     * One client's line of the roster: the seat, who it is, what attendance knows (null: not yet recorded) and what it
     * allows to be recorded now (empty while attendance has not heard of the session).
     */
    public record Line(Api.Booking seat, String name, Api.AttendanceRecord record, Instant arrivedAt,
            java.util.Set<String> allowed) {

        public boolean allows(String action) {
            return allowed.contains(action);
        }
    }

    public record SessionRoster(Api.Session session, List<Line> lines, boolean attendanceKnowsIt) {
    }

    @GetMapping("/staff/programs/{programId}/roster")
    String roster(@PathVariable String programId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Model model) {
        Api.Program program = directory.program(programId);
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(ZoneId.of(program.timeZone())));
        Map<String, String> names = directory.clientNames(programId);
        List<Api.Session> sessions = apis.scheduling()
                .get(new ParameterizedTypeReference<Api.PageOf<Api.Session>>() { },
                        b -> b.path("/api/programs/{id}/sessions").queryParam("from", day).queryParam("to", day)
                                .queryParam("size", 200).build(programId))
                .items();
        List<SessionRoster> rosters = new ArrayList<>();
        for (Api.Session session : sessions) {
            List<Api.Booking> seats = apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                    "/api/sessions/{id}/bookings", session.id());
            Map<String, Api.AttendanceRecord> recorded = new LinkedHashMap<>();
            Map<String, java.util.Set<String>> allowed = new LinkedHashMap<>();
            boolean known = true;
            if (!seats.isEmpty()) {
                try {
                    apis.attendance().get(new ParameterizedTypeReference<List<Api.BookingAttendance>>() { },
                            "/api/sessions/{id}/roster", session.id())
                            .forEach(a -> {
                                recorded.put(a.bookingId(), a.current());
                                allowed.put(a.bookingId(), a.allowedActions());
                            });
                } catch (ServiceProblem e) {
                    // attendance has not heard of the session yet (its events are on their way): show it anyway
                    known = false;
                }
            }
            Map<String, Instant> arrived = arrivals.of(seats.stream().map(Api.Booking::id).toList());
            List<Line> lines = seats.stream().map(s -> new Line(s, names.getOrDefault(s.clientId(), "Client"),
                    recorded.get(s.id()), arrived.get(s.id()), allowed.getOrDefault(s.id(), java.util.Set.of())))
                    .sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                    .toList();
            rosters.add(new SessionRoster(session, lines, known));
        }
        model.addAttribute("program", program);
        model.addAttribute("day", day);
        model.addAttribute("rosters", rosters);
        model.addAttribute("clinicians", directory.clinicianNames(programId));
        model.addAttribute("rooms", directory.roomNames(programId));
        return "staff/roster";
    }

    @PostMapping("/staff/bookings/{bookingId}/check-in")
    String checkIn(@PathVariable String bookingId, Principal user, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        // attendance-service owns the rule (how early a check-in may be); the front door only keeps the time
        if (!apis.attendance().get(Api.BookingAttendance.class, "/api/bookings/{id}/attendance", bookingId)
                .allows("CHECK_IN")) {
            redirect.addFlashAttribute("failure", "Check-in is not open for this session now: it opens shortly "
                    + "before the session starts and closes when it ends.");
            return back(seat);
        }
        arrivals.arrive(bookingId, now(), user.getName());
        redirect.addFlashAttribute("notice", "Checked in.");
        return back(seat);
    }

    /** A check-in clicked by mistake: withdrawn, and kept with who withdrew it and when. */
    @PostMapping("/staff/bookings/{bookingId}/check-in/undo")
    String undoCheckIn(@PathVariable String bookingId, Principal user, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        if (arrivals.undo(bookingId, user.getName())) {
            redirect.addFlashAttribute("notice", "Check-in undone.");
        } else {
            redirect.addFlashAttribute("failure", "There is no check-in to undo.");
        }
        return back(seat);
    }

    @PostMapping("/staff/bookings/{bookingId}/check-out")
    String checkOut(@PathVariable String bookingId, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        Optional<Instant> arrived = arrivals.of(bookingId);
        if (arrived.isEmpty()) {
            redirect.addFlashAttribute("failure", "Check the client in first.");
            return back(seat);
        }
        // A check-out in the same minute as the check-in would be refused (out must follow in): count a minute.
        Instant out = now().isAfter(arrived.get()) ? now() : arrived.get().plus(1, ChronoUnit.MINUTES);
        return record(seat, redirect, "Checked out.", () -> {
            apis.attendance().post(Api.AttendanceRecord.class, Map.of("checkedInAt", arrived.get().toString(),
                    "checkedOutAt", out.toString()), "/api/bookings/{id}/attendance", bookingId);
            arrivals.forget(bookingId);
        });
    }

    /** The whole session attended, as on a paper roll call. */
    @PostMapping("/staff/bookings/{bookingId}/present")
    String present(@PathVariable String bookingId, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        return record(seat, redirect, "Marked present for the whole session.", () -> {
            apis.attendance().post(Api.AttendanceRecord.class, Map.of("checkedInAt", seat.startsAt().toString(),
                    "checkedOutAt", seat.endsAt().toString()), "/api/bookings/{id}/attendance", bookingId);
            arrivals.forget(bookingId);
        });
    }

    @PostMapping("/staff/bookings/{bookingId}/absence")
    String absence(@PathVariable String bookingId, @RequestParam String reason, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        return record(seat, redirect, "Absence recorded.", () -> {
            apis.attendance().post(Api.AttendanceRecord.class, Map.of("reason", reason),
                    "/api/bookings/{id}/absence", bookingId);
            arrivals.forget(bookingId);
        });
    }

    @GetMapping("/staff/bookings/{bookingId}/correct")
    String correction(@PathVariable String bookingId, Model model) {
        fillCorrection(model, bookingId);
        return "staff/correct";
    }

    @PostMapping("/staff/bookings/{bookingId}/correct")
    String correct(@PathVariable String bookingId, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String checkedInAt, @RequestParam(required = false) String checkedOutAt,
            @RequestParam(required = false) String missedReason, @RequestParam(required = false) String reason,
            Model model, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        ZoneId zone = ZoneId.of(seat.timeZone());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", BookingChangePages.blankToNull(outcome));
        body.put("reason", BookingChangePages.blankToNull(reason));
        Map<String, String> ownErrors = new LinkedHashMap<>();
        if ("ATTENDED".equals(outcome)) {
            body.put("checkedInAt", instant(checkedInAt, zone, "checkedInAt", ownErrors));
            body.put("checkedOutAt", instant(checkedOutAt, zone, "checkedOutAt", ownErrors));
        } else {
            body.put("missedReason", BookingChangePages.blankToNull(missedReason));
        }
        try {
            if (!ownErrors.isEmpty()) {
                throw new ServiceProblem(400, new org.openiop.webui.services.Problem("Invalid input",
                        "Some times could not be read", "invalid", 400, ownErrors.entrySet().stream()
                                .map(e -> new org.openiop.webui.services.Problem.FieldError(e.getKey(), e.getValue()))
                                .toList()));
            }
            apis.attendance().post(Api.AttendanceRecord.class, body, "/api/bookings/{id}/attendance/corrections",
                    bookingId);
        } catch (ServiceProblem e) {
            fillCorrection(model, bookingId);
            model.addAttribute("problem", e.problem());
            model.addAttribute("errors", e.problem().byField());
            model.addAttribute("entered", Map.of("outcome", String.valueOf(outcome),
                    "checkedInAt", String.valueOf(checkedInAt), "checkedOutAt", String.valueOf(checkedOutAt),
                    "reason", String.valueOf(reason)));
            return "staff/correct";
        }
        redirect.addFlashAttribute("notice", "Attendance corrected.");
        return back(seat);
    }

    private void fillCorrection(Model model, String bookingId) {
        Api.Booking seat = seat(bookingId);
        model.addAttribute("seat", seat);
        model.addAttribute("clientName", directory.client(seat.clientId()).displayName());
        model.addAttribute("attendance", apis.attendance().get(Api.BookingAttendance.class,
                "/api/bookings/{id}/attendance", bookingId));
        ZoneId zone = ZoneId.of(seat.timeZone());
        model.addAttribute("defaultIn", LocalDateTime.ofInstant(seat.startsAt(), zone).toString());
        model.addAttribute("defaultOut", LocalDateTime.ofInstant(seat.endsAt(), zone).toString());
    }

    private static String instant(String local, ZoneId zone, String field, Map<String, String> errors) {
        if (local == null || local.isBlank()) {
            errors.put(field, "must not be empty");
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.put(field, "must be a date and time such as 2026-11-23T09:00");
            return null;
        }
    }

    private String record(Api.Booking seat, RedirectAttributes redirect, String done, Runnable call) {
        try {
            call.run();
            redirect.addFlashAttribute("notice", done);
        } catch (ServiceProblem e) {
            redirect.addFlashAttribute("failure", e.problem().summary());
            redirect.addFlashAttribute("failureFields", e.problem().byField());
        }
        return back(seat);
    }

    private Api.Booking seat(String bookingId) {
        return apis.scheduling().get(Api.Booking.class, "/api/bookings/{id}", bookingId);
    }

    private static String back(Api.Booking seat) {
        return "redirect:/staff/programs/" + seat.programId() + "/roster?date=" + seat.date() + "#session-"
                + seat.sessionId();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
