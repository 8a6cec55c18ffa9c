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
import org.openiop.webui.services.Gather;
import org.openiop.webui.services.PlainErrors;
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
    private final ArrivalRepository arrivals;
    private final Gather gather;
    private final Clock clock = Clock.systemUTC();

    RosterPages(Services.Apis apis, ProgramDirectory directory, ArrivalRepository arrivals, Gather gather) {
        this.apis = apis;
        this.gather = gather;
        this.directory = directory;
        this.arrivals = arrivals;
    }

    /**
     * One client's line of the roster: the seat, who it is, what attendance knows (null: not yet recorded) and what it
     * allows to be recorded now (empty while attendance has not heard of the session).
     */
    record Line(Api.Booking seat, String name, Api.AttendanceRecord record, Instant arrivedAt,
            java.util.Set<String> allowed, Api.LateEntry lateEntry) {

        /** A seat booked after the session started (a late entry): its attendance is entered late too, with a reason. */
        public boolean late() {
            return lateEntry != null;
        }

        public boolean allows(String action) {
            return allowed.contains(action);
        }

        /** A booking cancelled (or moved away) after it was made: still listed, struck through. */
        public boolean cancelled() {
            return CANCELLED.equals(seat.status());
        }
    }

    record SessionRoster(Api.Session session, List<Line> lines, boolean attendanceKnowsIt) {

        /** Whether "mark all present" has anyone left to mark. */
        public boolean anyoneToMarkPresent() {
            return lines.stream().anyMatch(l -> !l.cancelled() && l.allows("WHOLE_SESSION"));
        }

        /** Whether "mark all present" would enter a late-entered booking's attendance (then it needs a reason). */
        public boolean lateToMarkPresent() {
            return lines.stream().anyMatch(l -> !l.cancelled() && l.late() && l.record() == null
                    && l.allows("WHOLE_SESSION"));
        }
    }

    private static final String CANCELLED = "CANCELLED";

    @GetMapping("/staff/programs/{programId}/roster")
    String roster(@PathVariable String programId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            Model model) {
        // issue 21: everything the page needs that depends only on the program is fetched side by side, then each
        // session's seats and attendance roster, all sessions at once
        Gather.Pending<Map<String, String>> names = gather.start(() -> directory.clientNames(programId));
        Gather.Pending<Map<String, String>> clinicians = gather.start(() -> directory.clinicianNames(programId));
        Gather.Pending<Map<String, String>> rooms = gather.start(() -> directory.roomNames(programId));
        Gather.Pending<List<Api.Session>> sessionsOfDate = date == null ? null : gather.start(() -> sessions(programId,
                date));
        Api.Program program = directory.program(programId);
        LocalDate day = date != null ? date : LocalDate.now(clock.withZone(ZoneId.of(program.timeZone())));
        List<Api.Session> sessions = sessionsOfDate != null ? sessionsOfDate.get() : sessions(programId, day);
        List<Gather.Pending<List<Api.Booking>>> seatsOf = sessions.stream().map(session -> gather.start(
                () -> apis.scheduling().get(new ParameterizedTypeReference<List<Api.Booking>>() { },
                        "/api/sessions/{id}/bookings", session.id()))).toList();
        List<Gather.Pending<Optional<List<Api.BookingAttendance>>>> rosterOf = sessions.stream()
                .map(session -> gather.start(() -> attendanceRoster(session.id()))).toList();
        List<List<Api.Booking>> seatsBySession = seatsOf.stream().map(Gather.Pending::get).toList();
        Map<String, Instant> arrived = arrivals.of(seatsBySession.stream().flatMap(List::stream)
                .map(Api.Booking::id).toList());
        List<SessionRoster> rosters = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            Api.Session session = sessions.get(i);
            List<Api.Booking> seats = seatsBySession.get(i);
            Map<String, Api.AttendanceRecord> recorded = new LinkedHashMap<>();
            Map<String, java.util.Set<String>> allowed = new LinkedHashMap<>();
            Map<String, Api.LateEntry> late = new LinkedHashMap<>();
            List<Api.Booking> cancelled = new ArrayList<>();
            java.util.Set<String> booked = new java.util.HashSet<>(seats.stream().map(Api.Booking::id).toList());
            boolean known = true;
            Optional<List<Api.BookingAttendance>> roster = rosterOf.get(i).get();
            if (roster.isPresent()) {
                // attendance also keeps the session's cancelled bookings, which scheduling no longer seats
                for (Api.BookingAttendance a : roster.get()) {
                    recorded.put(a.bookingId(), a.current());
                    allowed.put(a.bookingId(), a.allowedActions());
                    if (a.lateEntry() != null) {
                        late.put(a.bookingId(), a.lateEntry());
                    }
                    if (a.cancelled() && !booked.contains(a.bookingId())) {
                        cancelled.add(new Api.Booking(a.bookingId(), a.clientId(), a.sessionId(), a.programId(), null,
                                CANCELLED, session.type(), session.block(), session.date(), a.startsAt(), a.endsAt(),
                                program.timeZone()));
                    }
                }
            } else {
                // attendance has not heard of the session yet (its events are on their way): show it anyway
                known = seats.isEmpty();
            }
            Map<String, String> clientNames = names.get();
            List<Line> lines = java.util.stream.Stream.concat(seats.stream(), cancelled.stream())
                    .map(s -> new Line(s, clientNames.getOrDefault(s.clientId(), "Client"), recorded.get(s.id()),
                            arrived.get(s.id()), allowed.getOrDefault(s.id(), java.util.Set.of()), late.get(s.id())))
                    .sorted(java.util.Comparator.comparing(Line::cancelled)
                            .thenComparing(Line::name, String.CASE_INSENSITIVE_ORDER))
                    .toList();
            rosters.add(new SessionRoster(session, lines, known));
        }
        model.addAttribute("program", program);
        model.addAttribute("day", day);
        model.addAttribute("rosters", rosters);
        model.addAttribute("clinicians", clinicians.get());
        model.addAttribute("rooms", rooms.get());
        return "staff/roster";
    }

    private List<Api.Session> sessions(String programId, LocalDate day) {
        return apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Session>>() { },
                b -> b.path("/api/programs/{id}/sessions").queryParam("from", day).queryParam("to", day)
                        .queryParam("size", 200).build(programId)).items();
    }

    /** What attendance knows of the session's bookings; empty while it has not heard of the session. */
    private Optional<List<Api.BookingAttendance>> attendanceRoster(String sessionId) {
        try {
            return Optional.of(apis.attendance().get(new ParameterizedTypeReference<List<Api.BookingAttendance>>() { },
                    "/api/sessions/{id}/roster", sessionId));
        } catch (ServiceProblem e) {
            return Optional.empty();
        }
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
    String absence(@PathVariable String bookingId, @RequestParam String reason,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("note", BookingChangePages.blankToNull(note));
        return record(seat, redirect, "Absence recorded.", () -> {
            apis.attendance().post(Api.AttendanceRecord.class, body, "/api/bookings/{id}/absence", bookingId);
            arrivals.forget(bookingId);
        });
    }

    /**
     * "Mark all present" at the end of a group: everyone not yet recorded attended the whole session, in one roll
     * call (attendance records all of them or, on any refusal, none).
     */
    @PostMapping("/staff/sessions/{sessionId}/all-present")
    String allPresent(@PathVariable String sessionId, @RequestParam(required = false) String lateEntryReason,
            RedirectAttributes redirect) {
        Api.Session session = apis.scheduling().get(Api.Session.class, "/api/sessions/{id}", sessionId);
        List<Map<String, Object>> entries = apis.attendance()
                .get(new ParameterizedTypeReference<List<Api.BookingAttendance>>() { }, "/api/sessions/{id}/roster",
                        sessionId)
                .stream().filter(a -> !a.cancelled() && a.allows("WHOLE_SESSION"))
                .map(a -> Map.<String, Object>of("bookingId", a.bookingId(), "presence", "PRESENT")).toList();
        String back = "redirect:/staff/programs/" + session.programId() + "/roster?date=" + session.date()
                + "#session-" + sessionId;
        if (entries.isEmpty()) {
            redirect.addFlashAttribute("failure", "Everyone in this session is recorded already.");
            return back;
        }
        try {
            Map<String, Object> call = new LinkedHashMap<>();
            call.put("entries", entries);
            if (lateEntryReason != null && !lateEntryReason.isBlank()) {
                call.put("lateEntryReason", lateEntryReason.strip());
            }
            apis.attendance().post(Object.class, call, "/api/sessions/{id}/roster", sessionId);
            entries.forEach(e -> arrivals.forget((String) e.get("bookingId")));
            redirect.addFlashAttribute("notice", entries.size() == 1 ? "One client marked present."
                    : entries.size() + " clients marked present for the whole session.");
        } catch (ServiceProblem e) {
            redirect.addFlashAttribute("failure", e.problem().summary());
            lateErrors(e.problem()).ifPresent(message -> {
                redirect.addFlashAttribute("allPresentFor", sessionId);
                redirect.addFlashAttribute("allPresentErrors", Map.of(PlainErrors.LATE_ENTRY_REASON, message));
            });
        }
        return back;
    }

    /**
     * The attendance of a seat booked after the session (a late entry) is entered late too, with the reason: the
     * whole session attended, or an excused or unexcused absence.
     */
    @PostMapping("/staff/bookings/{bookingId}/late")
    String late(@PathVariable String bookingId, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String lateEntryReason, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        String reason = lateEntryReason == null || lateEntryReason.isBlank() ? null : lateEntryReason.strip();
        try {
            Map<String, Object> body = new LinkedHashMap<>();
            if ("EXCUSED".equals(outcome) || "UNEXCUSED".equals(outcome)) {
                body.put("reason", outcome);
                body.put("lateEntryReason", reason);
                apis.attendance().post(Api.AttendanceRecord.class, body, "/api/bookings/{id}/absence", bookingId);
                redirect.addFlashAttribute("notice", "Absence entered late.");
            } else {
                body.put("checkedInAt", seat.startsAt().toString());
                body.put("checkedOutAt", seat.endsAt().toString());
                body.put("lateEntryReason", reason);
                apis.attendance().post(Api.AttendanceRecord.class, body, "/api/bookings/{id}/attendance", bookingId);
                redirect.addFlashAttribute("notice", "Attendance for the whole session entered late.");
            }
            arrivals.forget(bookingId);
        } catch (ServiceProblem e) {
            redirect.addFlashAttribute("failure", e.problem().summary());
            redirect.addFlashAttribute("lateFor", bookingId);
            redirect.addFlashAttribute("lateErrors", Map.of(PlainErrors.LATE_ENTRY_REASON,
                    lateErrors(e.problem()).orElse(e.problem().summary())));
            redirect.addFlashAttribute("lateEntered", lateEntryReason);
        }
        return back(seat);
    }

    /** A refusal about the late entry (no reason, or past the window), in words for the reason field. */
    static Optional<String> lateErrors(org.openiop.webui.services.Problem problem) {
        Map<String, String> plain = PlainErrors.of(problem);
        if (plain.containsKey(PlainErrors.LATE_ENTRY_REASON)) {
            return Optional.of(plain.get(PlainErrors.LATE_ENTRY_REASON));
        }
        if ("late-entry-window-passed".equals(problem.code())) {
            return plain.values().stream().findFirst();
        }
        return Optional.empty();
    }

    /** Arrival and departure typed in (e.g. from the sign-in sheet), as times of the session's day. */
    @PostMapping("/staff/bookings/{bookingId}/times")
    String times(@PathVariable String bookingId, @RequestParam(required = false) String arrival,
            @RequestParam(required = false) String departure, RedirectAttributes redirect) {
        Api.Booking seat = seat(bookingId);
        ZoneId zone = ZoneId.of(seat.timeZone());
        Map<String, String> errors = new LinkedHashMap<>();
        Instant in = timeOfDay(seat.date(), arrival, zone, "arrival", errors);
        Instant out = timeOfDay(seat.date(), departure, zone, "departure", errors);
        if (in != null && out != null && !out.isAfter(in)) {
            errors.put("departure", "The departure must be after the arrival.");
        }
        if (errors.isEmpty()) {
            try {
                apis.attendance().post(Api.AttendanceRecord.class, Map.of("checkedInAt", in.toString(),
                        "checkedOutAt", out.toString()), "/api/bookings/{id}/attendance", bookingId);
                arrivals.forget(bookingId);
                redirect.addFlashAttribute("notice", "Arrival and departure recorded.");
                return back(seat);
            } catch (ServiceProblem e) {
                errors.putAll(timesInWords(e.problem()));
                if (errors.isEmpty()) {
                    redirect.addFlashAttribute("failure", e.problem().summary());
                }
            }
        }
        redirect.addFlashAttribute("timesFor", bookingId);
        redirect.addFlashAttribute("timesErrors", errors);
        redirect.addFlashAttribute("timesEntered", Map.of("arrival", String.valueOf(arrival == null ? "" : arrival),
                "departure", String.valueOf(departure == null ? "" : departure)));
        redirect.addFlashAttribute("failure", "The times were not recorded: please check them.");
        return back(seat);
    }

    private static Instant timeOfDay(LocalDate day, String time, ZoneId zone, String field,
            Map<String, String> errors) {
        if (time == null || time.isBlank()) {
            errors.put(field, "Please type the time (for example 09:05).");
            return null;
        }
        try {
            return day.atTime(java.time.LocalTime.parse(time.trim())).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, "Please type a time such as 09:05.");
            return null;
        }
    }

    /** attendance's refusals of typed times, in the words of the roster's two fields. */
    static Map<String, String> timesInWords(org.openiop.webui.services.Problem problem) {
        Map<String, String> plain = new LinkedHashMap<>();
        problem.byField().forEach((field, message) -> {
            String name = field.endsWith("checkedInAt") ? "arrival" : field.endsWith("checkedOutAt") ? "departure"
                    : null;
            if (name == null) {
                return;
            }
            String words = switch (String.valueOf(problem.code())) {
                case "check-in-too-early" -> "This is too early: a check-in opens shortly before the session starts.";
                case "not-yet-happened" -> "This time has not come yet; record it once it has happened.";
                default -> org.openiop.webui.services.PlainErrors.of(new org.openiop.webui.services.Problem(null,
                        null, null, null, List.of(new org.openiop.webui.services.Problem.FieldError(name, message))))
                        .get(name);
            };
            plain.putIfAbsent(name, words);
        });
        return plain;
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
            model.addAttribute("errors", org.openiop.webui.services.PlainErrors.of(e.problem()));
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
            errors.put(field, "Please type the day and time.");
            return null;
        }
        try {
            return LocalDateTime.parse(local).atZone(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.put(field, "Please type a day and a time of day.");
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
