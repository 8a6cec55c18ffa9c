package org.openiop.webui.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openiop.webui.services.Api;
import org.openiop.webui.services.PlainErrors;
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
 * The rest of a client's record from the chart: correcting the client's details (name, birth date, admission,
 * planned discharge, track), recording a physician's certification of need, and the messages sent to the client.
 */
@Controller
class ClientRecordPages {

    static final List<String> TRACKS = List.of("ADULT", "ADOLESCENT");

    private final Services.Apis apis;
    private final ProgramDirectory directory;

    ClientRecordPages(Services.Apis apis, ProgramDirectory directory) {
        this.apis = apis;
        this.directory = directory;
    }

    @GetMapping("/staff/clients/{clientId}/details")
    String details(@PathVariable String clientId, Model model) {
        Api.Enrolment c = directory.client(clientId);
        model.addAttribute("client", c);
        model.addAttribute("form", new LinkedHashMap<>(Map.of("displayName", c.displayName(), "dateOfBirth",
                String.valueOf(c.dateOfBirth()), "admissionDate", String.valueOf(c.admissionDate()),
                "plannedDischargeDate", c.plannedDischargeDate() == null ? "" : c.plannedDischargeDate().toString(),
                "track", c.track())));
        model.addAttribute("tracks", TRACKS);
        return "clients/details";
    }

    @PostMapping("/staff/clients/{clientId}/details")
    String saveDetails(@PathVariable String clientId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : List.of("displayName", "dateOfBirth", "admissionDate", "plannedDischargeDate", "track")) {
            String value = form.get(field);
            body.put(field, value == null || value.isBlank() ? null : value.trim());
        }
        try {
            apis.scheduling().put(Api.Enrolment.class, body, "/api/clients/{id}", clientId);
        } catch (ServiceProblem e) {
            model.addAttribute("client", directory.client(clientId));
            model.addAttribute("form", form);
            model.addAttribute("tracks", TRACKS);
            model.addAttribute("errors", PlainErrors.of(e.problem()));
            return "clients/details";
        }
        redirect.addFlashAttribute("notice", "Details saved.");
        return "redirect:/staff/clients/" + clientId;
    }

    @GetMapping("/staff/clients/{clientId}/certifications/new")
    String newCertification(@PathVariable String clientId, Model model) {
        fillCertification(model, clientId, Map.of());
        return "clients/certification";
    }

    @PostMapping("/staff/clients/{clientId}/certifications")
    String certify(@PathVariable String clientId, @RequestParam Map<String, String> form, Model model,
            RedirectAttributes redirect) {
        Api.Enrolment client = directory.client(clientId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programId", client.programId());
        for (String field : List.of("certifiedOn", "certifyingClinicianId", "periodStart", "periodEnd")) {
            String value = form.get(field);
            body.put(field, value == null || value.isBlank() ? null : value.trim());
        }
        Api.Certification saved;
        try {
            saved = apis.attendance().post(Api.Certification.class, body, "/api/clients/{id}/certifications",
                    clientId);
        } catch (ServiceProblem e) {
            fillCertification(model, clientId, form);
            Map<String, String> errors = new LinkedHashMap<>(PlainErrors.of(e.problem()));
            errors.replaceAll((field, message) -> message.replace("Certifying clinician", "The clinician"));
            model.addAttribute("errors", errors);
            return "clients/certification";
        }
        redirect.addFlashAttribute("notice", "Certification recorded; re-certify by "
                + saved.dueDate().format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy",
                        java.util.Locale.ENGLISH)) + ".");
        return "redirect:/staff/clients/" + clientId;
    }

    private void fillCertification(Model model, String clientId, Map<String, String> form) {
        Api.Enrolment client = directory.client(clientId);
        model.addAttribute("client", client);
        model.addAttribute("clinicians", directory.clinicians(client.programId()));
        model.addAttribute("form", form);
    }

    /** One message notification-service planned or sent to the client. */
    record Delivery(long id, String bookingId, String kind, String channel, String audience,
            Instant sessionStartsAt, Instant dueAt, String status, int attempts, String reason, Instant sentAt) {
    }

    @GetMapping("/staff/clients/{clientId}/messages")
    String messages(@PathVariable String clientId, Model model) {
        Api.Enrolment client = directory.client(clientId);
        model.addAttribute("client", client);
        model.addAttribute("program", directory.program(client.programId()));
        model.addAttribute("deliveries", apis.notification().get(
                new ParameterizedTypeReference<List<Delivery>>() { },
                b -> b.path("/api/clients/{id}/deliveries").queryParam("limit", 100).build(clientId)));
        model.addAttribute("today", LocalDate.now());
        return "clients/messages";
    }
}
