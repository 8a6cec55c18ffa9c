package org.openiop.webui.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * A program's reminders and alerts (notification-service's program settings): how long before a session clients are
 * reminded and on which channels, who on staff hears about failed messages, which officers get compliance alerts and
 * whether at once or in a daily digest.
 */
@Controller
class ReminderSettingsPages {

    static final List<String> CHANNELS = List.of("EMAIL", "SMS");
    static final List<String> MODES = List.of("IMMEDIATE", "DAILY_DIGEST");

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    ReminderSettingsPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    /** notification-service's settings document. */
    record Settings(List<Duration> reminderOffsets, Set<String> channels, List<String> staffAlertEmails,
            List<String> officerEmails, String complianceAlertMode, LocalTime digestTime) {
    }

    /** The form as typed: hours before the session and addresses as text, one per line or comma-separated. */
    record Form(String reminderHours, List<String> channels, String staffAlertEmails, String officerEmails,
            String complianceAlertMode, String digestTime) {
    }

    @GetMapping("/admin/programs/{programId}/reminders")
    String page(@PathVariable String programId, Model model) {
        Settings s = apis.notification().get(Settings.class, "/api/programs/{id}/notification-settings", programId);
        fill(model, programId, new Form(hours(s.reminderOffsets()), List.copyOf(s.channels()),
                String.join("\n", s.staffAlertEmails()), String.join("\n", s.officerEmails()),
                s.complianceAlertMode(), s.digestTime() == null ? "" : s.digestTime().toString()));
        return "admin/reminders";
    }

    @PostMapping("/admin/programs/{programId}/reminders")
    String save(@PathVariable String programId, @RequestParam(required = false) String reminderHours,
            @RequestParam(required = false) List<String> channels,
            @RequestParam(required = false) String staffAlertEmails,
            @RequestParam(required = false) String officerEmails,
            @RequestParam(required = false) String complianceAlertMode,
            @RequestParam(required = false) String digestTime, Model model, RedirectAttributes redirect) {
        Form form = new Form(reminderHours, channels == null ? List.of() : channels, staffAlertEmails, officerEmails,
                complianceAlertMode, digestTime);
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> offsets = offsets(reminderHours, errors);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reminderOffsets", offsets);
        body.put("channels", form.channels());
        body.put("staffAlertEmails", lines(staffAlertEmails));
        body.put("officerEmails", lines(officerEmails));
        body.put("complianceAlertMode", blankToNull(complianceAlertMode));
        body.put("digestTime", blankToNull(digestTime));
        try {
            if (!errors.isEmpty()) {
                throw new ServiceProblem(400, new Problem("Invalid input", null, "invalid", 400, errors.entrySet()
                        .stream().map(e -> new Problem.FieldError(e.getKey(), e.getValue())).toList()));
            }
            apis.notification().put(Settings.class, body, "/api/programs/{id}/notification-settings", programId);
        } catch (ServiceProblem e) {
            fill(model, programId, form);
            Map<String, String> plain = new LinkedHashMap<>();
            // "officerEmails[1]" -> the officers' field; and the service's ISO durations in this form's words
            PlainErrors.of(e.problem()).forEach((field, message) -> plain.putIfAbsent(field.replaceAll("\\[.*", ""),
                    field.startsWith("reminderOffsets") && !errors.containsKey("reminderOffsets")
                            ? "Each reminder must be between 1 minute and 14 days (336 hours) before the session."
                            : message));
            model.addAttribute("errors", plain);
            return "admin/reminders";
        }
        redirect.addFlashAttribute("notice", "Reminder settings saved.");
        return "redirect:/admin/programs/" + programId + "/reminders";
    }

    private void fill(Model model, String programId, Form form) {
        model.addAttribute("program", directory.program(programId));
        model.addAttribute("form", form);
        model.addAttribute("allChannels", CHANNELS);
        model.addAttribute("modes", MODES);
    }

    /** "24, 2" -> ["PT1440M", "PT120M"]; half hours allowed ("0.5"). */
    static List<String> offsets(String hours, Map<String, String> errors) {
        List<String> offsets = new ArrayList<>();
        if (hours == null || hours.isBlank()) {
            errors.put("reminderOffsets", "Please give at least one reminder, in hours before the session (e.g. 24, 2).");
            return offsets;
        }
        for (String part : hours.split("[,;\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                long minutes = new BigDecimal(part.trim()).multiply(BigDecimal.valueOf(60)).longValueExact();
                offsets.add(Duration.ofMinutes(minutes).toString());
            } catch (NumberFormatException | ArithmeticException e) {
                errors.put("reminderOffsets", "“" + part.trim() + "” is not a number of hours (e.g. 24 or 1.5).");
            }
        }
        return offsets;
    }

    static String hours(List<Duration> offsets) {
        return String.join(", ", offsets.stream().map(d -> BigDecimal.valueOf(d.toMinutes())
                .divide(BigDecimal.valueOf(60), 2, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString()).toList());
    }

    static List<String> lines(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split("[,;\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
