package org.openiop.webui.client;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openiop.webui.services.Problem;
import org.openiop.webui.services.WebUiProperties;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The client's own page, reached from the signed link in their reminders ({@code /c/<token>}) without a staff
 * sign-in: upcoming appointments, a calendar feed, and reminder settings. The front door only relays the token to
 * notification-service (which checks signature, expiry and revocation on every call, and audits as the link); it
 * holds no client state. The page says "appointment" only: no service, program or treatment word.
 */
@Controller
class ClientPage {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, MMMM d", Locale.US);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);
    private static final String TOKEN_HEADER = "X-Client-Link";
    /** A token is base64url; anything else is refused here, before it could reach a header or a redirect. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,200}");
    private static final java.util.regex.Pattern OFFER_ID = java.util.regex.Pattern.compile("[0-9a-f-]{36}");
    private static final java.util.Set<String> HOLD_ANSWERS = java.util.Set.of("ACCEPT", "DECLINE");

    private final RestClient notification;

    ClientPage(WebUiProperties properties, RestClient.Builder builder) {
        this.notification = builder.clone().baseUrl(properties.notificationUrl()).build();
    }

    /** @param joinUrl "Join online", given by notification-service only inside the join window of a video session */
    record Appointment(String id, LocalDate date, LocalTime startTime, LocalTime endTime, String timeZone,
            String place, String joinUrl) {

        public String day() {
            return DAY.format(date);
        }

        public String hours() {
            return TIME.format(startTime) + " to " + TIME.format(endTime);
        }
    }

    record QuietHours(LocalTime start, LocalTime end) {
    }

    /** Make-up times offered to the client: dates and times only, like appointments. */
    record OfferSlot(LocalDate date, LocalTime startTime, LocalTime endTime) {

        public String day() {
            return DAY.format(date);
        }

        public String hours() {
            return TIME.format(startTime) + " to " + TIME.format(endTime);
        }
    }

    record OfferOption(int number, String status, List<OfferSlot> times) {

        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    /** {@code status}: OPEN, PENDING (being booked: the page refreshes itself), ACCEPTED, EXPIRED. */
    record Offer(String offerId, String status, Integer chosenOption, String lastRefusal, String place,
            List<OfferOption> options) {

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    /**
     * A place held for the client from a waitlist, with the deadline to answer. {@code status}: HELD, PENDING (their
     * answer is being applied: the page refreshes itself), BOOKED, DECLINED, EXPIRED, REMOVED, NOT_BOOKABLE.
     */
    record Hold(String entryId, String status, String answer, LocalDate date, LocalTime startTime, LocalTime endTime,
            LocalDate untilDate, LocalTime untilTime, String place) {

        public String day() {
            return DAY.format(date);
        }

        public String hours() {
            return TIME.format(startTime) + " to " + TIME.format(endTime);
        }

        public String until() {
            return TIME.format(untilTime) + " on " + DAY.format(untilDate);
        }

        public boolean held() {
            return "HELD".equals(status);
        }

        public boolean pending() {
            return "PENDING".equals(status);
        }
    }

    record Preferences(boolean email, boolean sms, boolean emailOnFile, boolean phoneOnFile, boolean smsOptedOut,
            QuietHours quietHours, String language) {
    }

    /** The preferences form as posted: unchecked boxes are absent, empty times mean no quiet hours. */
    record PreferencesForm(Boolean email, Boolean sms, String quietStart, String quietEnd, String language) {

        boolean emailOn() {
            return Boolean.TRUE.equals(email);
        }

        boolean smsOn() {
            return Boolean.TRUE.equals(sms);
        }

        Map<String, Object> body() {
            boolean quiet = quietStart != null && !quietStart.isBlank() && quietEnd != null && !quietEnd.isBlank();
            java.util.HashMap<String, Object> body = new java.util.HashMap<>(Map.of("email", emailOn(), "sms", smsOn(),
                    "language", language == null || language.isBlank() ? "en" : language));
            body.put("quietHours", quiet ? Map.of("start", quietStart, "end", quietEnd) : null);
            return body;
        }
    }

    /** What notification-service answered: a value, or a status and its problem document. */
    private record Answer<T>(int status, T value, Problem problem) {
    }

    @GetMapping("/c/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        noLeaks(response);
        if (!TOKEN.matcher(token).matches()) {
            return expired(response);
        }
        Answer<List<Appointment>> appointments = call(token, HttpMethod.GET, "/api/client-portal/appointments",
                null, new ParameterizedTypeReference<List<Appointment>>() { });
        if (appointments.status() == 401 || appointments.status() == 403) {
            return expired(response);
        }
        if (appointments.value() == null) {
            response.setStatus(HttpStatus.BAD_GATEWAY.value());
            model.addAttribute("unavailable", true);
            return "client/expired";
        }
        model.addAttribute("appointments", appointments.value());
        Answer<List<Offer>> offers = call(token, HttpMethod.GET, "/api/client-portal/offers", null,
                new ParameterizedTypeReference<List<Offer>>() { });
        List<Offer> shown = offers.value() == null ? List.of() : offers.value();
        model.addAttribute("offers", shown);
        Answer<List<Hold>> holds = call(token, HttpMethod.GET, "/api/client-portal/holds", null,
                new ParameterizedTypeReference<List<Hold>>() { });
        List<Hold> held = holds.value() == null ? List.of() : holds.value();
        model.addAttribute("holds", held);
        // while a choice or an answer is being applied the page polls (a plain refresh: no script needed)
        model.addAttribute("refresh", shown.stream().anyMatch(Offer::pending) || held.stream().anyMatch(Hold::pending));
        Answer<Preferences> preferences = call(token, HttpMethod.GET, "/api/client-portal/preferences", null,
                new ParameterizedTypeReference<Preferences>() { });
        model.addAttribute("preferences", preferences.value());
        model.addAttribute("token", token);
        return "client/page";
    }

    @PostMapping("/c/{token}/preferences")
    String save(@PathVariable String token, @ModelAttribute PreferencesForm form, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        noLeaks(response);
        if (!TOKEN.matcher(token).matches()) {
            return expired(response);
        }
        Answer<Preferences> saved = call(token, HttpMethod.PUT, "/api/client-portal/preferences", form.body(),
                new ParameterizedTypeReference<Preferences>() { });
        if (saved.status() == 401 || saved.status() == 403) {
            return expired(response);
        }
        if (saved.value() != null) {
            redirect.addFlashAttribute("notice", "Your reminder settings are saved.");
            return "redirect:/c/" + token + "#settings";
        }
        // refused: the same page, with the service's words beside the fields and what the client chose kept
        String page = page(token, model, response);
        if (!"client/page".equals(page)) {
            return page;
        }
        response.setStatus(saved.status() >= 400 && saved.status() < 500 ? saved.status() : 502);
        Problem problem = saved.problem();
        model.addAttribute("failure", problem == null ? "Your settings could not be saved. Please try again."
                : problem.summary());
        model.addAttribute("errors", problem == null ? Map.of() : org.openiop.webui.services.PlainErrors.of(problem));
        Preferences stored = (Preferences) model.getAttribute("preferences");
        boolean quiet = !blank(form.quietStart()) && !blank(form.quietEnd());
        model.addAttribute("preferences", new Preferences(form.emailOn(), form.smsOn(),
                stored == null || stored.emailOnFile(), stored == null || stored.phoneOnFile(), false,
                quiet ? new QuietHours(LocalTime.parse(form.quietStart()), LocalTime.parse(form.quietEnd())) : null,
                form.language()));
        return "client/page";
    }

    /** The client chooses one option of an offer; scheduling books it, and the page polls until it answers. */
    @PostMapping("/c/{token}/offers/{offerId}")
    String choose(@PathVariable String token, @PathVariable String offerId,
            @org.springframework.web.bind.annotation.RequestParam int option, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        noLeaks(response);
        if (!TOKEN.matcher(token).matches() || !OFFER_ID.matcher(offerId).matches()) {
            return expired(response);
        }
        Answer<List<Offer>> chosen = call(token, HttpMethod.POST, "/api/client-portal/offers/" + offerId + "/choice",
                Map.of("option", option), new ParameterizedTypeReference<List<Offer>>() { });
        if (chosen.status() == 401 || chosen.status() == 403) {
            return expired(response);
        }
        if (chosen.value() != null) {
            redirect.addFlashAttribute("notice", "Thank you. We are booking the time you chose.");
        } else {
            redirect.addFlashAttribute("failure", chosen.problem() == null
                    ? "Your choice could not be sent. Please try again." : chosen.problem().summary());
        }
        return "redirect:/c/" + token + "#offers";
    }

    /** The client accepts or declines a place held for them; scheduling applies it, and the page polls until then. */
    @PostMapping("/c/{token}/holds/{entryId}")
    String answerHold(@PathVariable String token, @PathVariable String entryId,
            @org.springframework.web.bind.annotation.RequestParam String answer, RedirectAttributes redirect,
            HttpServletResponse response) {
        noLeaks(response);
        if (!TOKEN.matcher(token).matches() || !OFFER_ID.matcher(entryId).matches()) {
            return expired(response);
        }
        if (!HOLD_ANSWERS.contains(answer)) {
            redirect.addFlashAttribute("failure", "Please choose \"Accept this place\" or \"Decline\".");
            return "redirect:/c/" + token + "#holds";
        }
        Answer<List<Hold>> sent = call(token, HttpMethod.POST, "/api/client-portal/holds/" + entryId + "/answer",
                Map.of("answer", answer), new ParameterizedTypeReference<List<Hold>>() { });
        if (sent.status() == 401 || sent.status() == 403) {
            return expired(response);
        }
        if (sent.value() != null) {
            redirect.addFlashAttribute("notice", "ACCEPT".equals(answer)
                    ? "Thank you. We are booking this place for you." : "Thank you. We will offer the place to someone else.");
        } else {
            redirect.addFlashAttribute("failure", sent.problem() == null
                    ? "Your answer could not be sent. Please try again." : sent.problem().summary());
        }
        return "redirect:/c/" + token + "#holds";
    }

    /** The calendar feed, for a calendar app subscribing with the token in the URL. */
    @GetMapping("/c/{token}/calendar.ics")
    ResponseEntity<byte[]> calendar(@PathVariable String token) {
        if (!TOKEN.matcher(token).matches()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN)
                    .body("This link has expired or was withdrawn.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return notification.get().uri(b -> b.path("/api/client-portal/calendar.ics").build())
                .header(TOKEN_HEADER, token).exchange((request, response) -> {
                    if (response.getStatusCode().isError()) {
                        return ResponseEntity.status(response.getStatusCode().value())
                                .contentType(MediaType.TEXT_PLAIN).body(
                                        "This link has expired or was withdrawn."
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/calendar;charset=UTF-8"))
                            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"appointments.ics\"")
                            .header("Referrer-Policy", "no-referrer").body(response.getBody().readAllBytes());
                });
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String expired(HttpServletResponse response) {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        return "client/expired";
    }

    /** The token is in the URL: never send it on as a Referer, never keep the page in a shared cache. */
    private static void noLeaks(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private <T> Answer<T> call(String token, HttpMethod method, String path, Object body,
            ParameterizedTypeReference<T> type) {
        RestClient.RequestBodySpec spec = notification.method(method).uri(path).header(TOKEN_HEADER, token)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> {
            int status = response.getStatusCode().value();
            if (response.getStatusCode().isError()) {
                Problem problem = null;
                try {
                    problem = response.bodyTo(Problem.class);
                } catch (RuntimeException e) {
                    // no readable problem document: the status says enough
                }
                return new Answer<>(status, null, problem);
            }
            return new Answer<>(status, response.bodyTo(type), null);
        });
    }
}
