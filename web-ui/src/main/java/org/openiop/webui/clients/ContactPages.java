package org.openiop.webui.clients;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
import org.openiop.webui.services.Problem;
import org.openiop.webui.services.ProgramDirectory;
import org.openiop.webui.services.ServiceProblem;
import org.openiop.webui.services.Services;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A client's contact details and consent per channel, kept by notification-service: staff record what the client
 * agreed to (reminders go only on a channel that is both chosen and consented to), quiet hours and language.
 */
@Controller
class ContactPages {

    static final List<String> CHANNELS = List.of("EMAIL", "SMS");

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    ContactPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    /** The form as typed. */
    record Form(String email, String phone, List<String> channels, List<String> consent, String quietFrom,
            String quietTo, String language) {
    }

    @GetMapping("/staff/clients/{clientId}/contact")
    String page(@PathVariable String clientId, Model model) {
        Api.Contact c = current(clientId);
        Form form = c == null ? new Form("", "", List.of(), List.of(), "", "", "en")
                : new Form(c.email(), c.phone(), List.copyOf(c.channels()),
                        c.consent().entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                                .map(Map.Entry::getKey).toList(),
                        c.quietHours() == null ? "" : c.quietHours().start().toString(),
                        c.quietHours() == null ? "" : c.quietHours().end().toString(), c.language());
        fill(model, clientId, form);
        return "clients/contact";
    }

    @PostMapping("/staff/clients/{clientId}/contact")
    String save(@PathVariable String clientId, @RequestParam(required = false) String email,
            @RequestParam(required = false) String phone, @RequestParam(required = false) List<String> channels,
            @RequestParam(required = false) List<String> consent, @RequestParam(required = false) String quietFrom,
            @RequestParam(required = false) String quietTo, @RequestParam(required = false) String language,
            Model model, RedirectAttributes redirect) {
        Form form = new Form(email, phone, channels == null ? List.of() : channels,
                consent == null ? List.of() : consent, quietFrom, quietTo, language);
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", blankToNull(email));
        body.put("phone", blankToNull(phone));
        body.put("channels", form.channels());
        Map<String, Boolean> consented = new LinkedHashMap<>();
        CHANNELS.forEach(c -> consented.put(c, form.consent().contains(c)));
        body.put("consent", consented);
        body.put("language", blankToNull(language));
        LocalTime from = time(quietFrom, "quietFrom", errors);
        LocalTime to = time(quietTo, "quietTo", errors);
        if ((from == null) != (to == null) && errors.isEmpty()) {
            errors.put(from == null ? "quietFrom" : "quietTo", "Please give both ends of the quiet hours, or neither.");
        }
        body.put("quietHours", from != null && to != null ? Map.of("start", from.toString(), "end", to.toString())
                : null);
        try {
            if (!errors.isEmpty()) {
                throw new ServiceProblem(400, new Problem("Invalid input", null, "invalid", 400, errors.entrySet()
                        .stream().map(e -> new Problem.FieldError(e.getKey(), e.getValue())).toList()));
            }
            apis.notification().put(Api.Contact.class, body, "/api/clients/{id}/contact", clientId);
        } catch (ServiceProblem e) {
            fill(model, clientId, form);
            Map<String, String> plain = new LinkedHashMap<>();
            PlainErrors.of(e.problem()).forEach((field, message) -> plain.putIfAbsent(
                    field.startsWith("quietHours") ? "quietFrom" : field.replaceAll("[\\[.].*", ""),
                    inWords(field, message)));
            model.addAttribute("errors", plain);
            return "clients/contact";
        }
        redirect.addFlashAttribute("notice", "Contact details and consent saved.");
        return "redirect:/staff/clients/" + clientId;
    }

    /** The service's rule texts name channel codes ("required when channels include EMAIL"): said plainly. */
    static String inWords(String field, String message) {
        if (message.contains("required when channels include")) {
            return "email".equals(field)
                    ? "Please give the email address reminders go to, or untick reminders by email."
                    : "Please give the mobile number texts go to, or untick reminders by text message.";
        }
        return message.replace("EMAIL", "email").replace("SMS", "text message");
    }

    private Api.Contact current(String clientId) {
        try {
            return apis.notification().get(Api.Contact.class, "/api/clients/{id}/contact", clientId);
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private void fill(Model model, String clientId, Form form) {
        model.addAttribute("client", directory.client(clientId));
        model.addAttribute("form", form);
        model.addAttribute("channels", CHANNELS);
    }

    private static LocalTime time(String text, String field, Map<String, String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "Please type a time such as 21:00.");
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
