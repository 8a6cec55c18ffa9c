package org.openiop.attendance.fhir;

import static org.openiop.backbone.security.Roles.ADMIN;
import static org.openiop.backbone.security.Roles.COMPLIANCE_OFFICER;
import static org.openiop.backbone.security.Roles.STAFF;

import java.util.List;
import java.util.function.Function;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.openiop.backbone.audit.AuditTrail;
import org.openiop.backbone.security.AuthorizationRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import ca.uhn.fhir.context.FhirContext;

/**
 * FHIR R4 read API for EHR integration (JSON, {@code application/fhir+json}): Appointment and Encounter, read by id
 * or searched by {@code patient} (the client id). Role-checked and audited like every read of client data.
 */
@RestController
class FhirController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final FhirResources resources;
    private final ObjectProvider<FhirContext> fhir;
    private final AuditTrail audit;

    FhirController(FhirResources resources, ObjectProvider<FhirContext> fhir, AuditTrail audit) {
        this.resources = resources;
        this.fhir = fhir;
        this.audit = audit;
    }

    @GetMapping("/api/fhir/r4/Appointment")
    ResponseEntity<String> appointments(@RequestParam String patient) {
        List<FhirResources.BookingRecord> bookings = resources.ofClient(patient);
        audit.read("fhir-appointment", patient);
        return ok(bundle("Appointment", bookings.stream().map(FhirResources::appointment).toList()));
    }

    @GetMapping("/api/fhir/r4/Appointment/{id}")
    ResponseEntity<String> appointment(@PathVariable String id) {
        return one(id, "Appointment", FhirResources::appointment, b -> true);
    }

    @GetMapping("/api/fhir/r4/Encounter")
    ResponseEntity<String> encounters(@RequestParam String patient) {
        List<FhirResources.BookingRecord> bookings = resources.ofClient(patient);
        audit.read("fhir-encounter", patient);
        return ok(bundle("Encounter", bookings.stream().filter(FhirResources.BookingRecord::attended)
                .map(FhirResources::encounter).toList()));
    }

    @GetMapping("/api/fhir/r4/Encounter/{id}")
    ResponseEntity<String> encounter(@PathVariable String id) {
        return one(id, "Encounter", FhirResources::encounter, FhirResources.BookingRecord::attended);
    }

    private ResponseEntity<String> one(String id, String type,
            Function<FhirResources.BookingRecord, ? extends Resource> toResource,
            java.util.function.Predicate<FhirResources.BookingRecord> exists) {
        var booking = resources.booking(id).filter(exists);
        if (booking.isEmpty()) {
            OperationOutcome outcome = new OperationOutcome();
            outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                    .setCode(OperationOutcome.IssueType.NOTFOUND).setDiagnostics(type + "/" + id + " is not known");
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(FHIR_JSON).body(encode(outcome));
        }
        audit.read("fhir-" + type.toLowerCase(), booking.get().clientId());
        return ok(toResource.apply(booking.get()));
    }

    private Bundle bundle(String type, List<? extends Resource> found) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/fhir/r4/").toUriString();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(found.size());
        for (Resource r : found) {
            bundle.addEntry().setFullUrl(base + type + "/" + r.getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        return bundle;
    }

    private ResponseEntity<String> ok(Resource resource) {
        return ResponseEntity.ok().contentType(FHIR_JSON).body(encode(resource));
    }

    private String encode(Resource resource) {
        return fhir.getObject().newJsonParser().encodeResourceToString(resource);
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        @Bean
        AuthorizationRules fhirAccess() {
            return requests -> requests.requestMatchers(HttpMethod.GET, "/api/fhir/**")
                    .hasAnyRole(STAFF, COMPLIANCE_OFFICER, ADMIN)
                    .requestMatchers("/api/fhir/**").denyAll();
        }
    }
}
