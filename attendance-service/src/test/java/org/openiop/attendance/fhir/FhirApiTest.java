package org.openiop.attendance.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openiop.attendance.support.IntegrationTest;
import org.openiop.attendance.support.TestEvents;
import org.openiop.events.SessionScheduled;
import org.openiop.events.Track;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;

/** The FHIR read API, its resources checked by HAPI's validator against the base R4 profiles. */
class FhirApiTest extends IntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(FhirApiTest.class);
    private static FhirValidator validator;

    @Autowired
    FhirContext fhir;

    final String programId = newId();
    final String clientId = newId();

    @BeforeAll
    static void baseR4Validator() {
        FhirContext ctx = FhirContext.forR4Cached();
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx));
        validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    /** Errors and fatal messages fail; warnings (e.g. "should have narrative") are logged. */
    static void assertValid(Resource resource) {
        ValidationResult result = validator.validateWithResult(resource);
        List<SingleValidationMessage> errors = result.getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
        result.getMessages().forEach(m -> log.debug("{} {} {}", m.getSeverity(), m.getLocationString(), m.getMessage()));
        assertThat(errors).as(resource.fhirType() + " " + resource.getIdPart()).isEmpty();
    }

    HttpResponse<String> fhirGet(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((user + ":iop-" + user).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    SessionScheduled block(LocalDate day) {
        SessionScheduled s = publishMorningBlock(clientId, programId, day);
        awaitBooking(s.getBookingId());
        return s;
    }

    @Test
    void appointmentsAndEncountersValidateAgainstBaseR4AndCarryTheRealPeriod() throws Exception {
        LocalDate week = monday(-2);
        configureProgram(programId, 60 * 24 * 60);
        publish(TestEvents.enrolled(clientId, programId, Track.ADULT, monday(-6)));
        SessionScheduled attended = block(week);
        SessionScheduled missed = block(week.plusDays(1));
        SessionScheduled cancelled = block(week.plusDays(2));
        SessionScheduled ahead = block(monday(2));
        var in = attended.getStartsAt().plus(20, ChronoUnit.MINUTES);
        var out = attended.getEndsAt().minus(10, ChronoUnit.MINUTES);
        assertThat(post("/api/bookings/" + attended.getBookingId() + "/attendance", "staff",
                Map.of("checkedInAt", in.toString(), "checkedOutAt", out.toString())).status()).isEqualTo(201);
        assertThat(post("/api/bookings/" + missed.getBookingId() + "/absence", "staff",
                Map.of("reason", "UNEXCUSED")).status()).isEqualTo(201);
        publish(TestEvents.cancelled(cancelled));
        await().atMost(Duration.ofSeconds(45)).until(() -> jdbc.sql(
                "SELECT cancelled FROM booking WHERE booking_id = :b").param("b", cancelled.getBookingId())
                .query(Boolean.class).single());

        HttpResponse<String> search = fhirGet("/api/fhir/r4/Appointment?patient=" + clientId, "officer");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json");
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, search.body());
        assertValid(bundle);
        Map<String, Appointment.AppointmentStatus> statuses = bundle.getEntry().stream()
                .map(e -> (Appointment) e.getResource())
                .peek(FhirApiTest::assertValid)
                .collect(Collectors.toMap(a -> a.getIdElement().getIdPart(), Appointment::getStatus));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                attended.getBookingId(), Appointment.AppointmentStatus.FULFILLED,
                missed.getBookingId(), Appointment.AppointmentStatus.NOSHOW,
                cancelled.getBookingId(), Appointment.AppointmentStatus.CANCELLED,
                ahead.getBookingId(), Appointment.AppointmentStatus.BOOKED));
        Appointment first = (Appointment) bundle.getEntryFirstRep().getResource();
        assertThat(first.getParticipantFirstRep().getActor().getReference()).isEqualTo("Patient/" + clientId);
        assertThat(search.body()).doesNotContain("\"name\"").doesNotContain("birthDate");

        Bundle encounters = fhir.newJsonParser().parseResource(Bundle.class,
                fhirGet("/api/fhir/r4/Encounter?patient=" + clientId, "staff").body());
        assertValid(encounters);
        assertThat(encounters.getEntry()).singleElement().satisfies(e -> {
            Encounter encounter = (Encounter) e.getResource();
            assertValid(encounter);
            assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
            assertThat(encounter.getPeriod().getStart()).isEqualTo(Date.from(in));
            assertThat(encounter.getPeriod().getEnd()).isEqualTo(Date.from(out));
            assertThat(encounter.getLength().getValue().intValue()).isEqualTo(150);
            assertThat(encounter.getAppointmentFirstRep().getReference())
                    .isEqualTo("Appointment/" + attended.getBookingId());
            assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/" + clientId);
        });

        Appointment one = fhir.newJsonParser().parseResource(Appointment.class,
                fhirGet("/api/fhir/r4/Appointment/" + missed.getBookingId(), "admin").body());
        assertValid(one);
        assertThat(one.getStatus()).isEqualTo(Appointment.AppointmentStatus.NOSHOW);
        HttpResponse<String> noEncounter = fhirGet("/api/fhir/r4/Encounter/" + missed.getBookingId(), "officer");
        assertThat(noEncounter.statusCode()).isEqualTo(404);
        assertValid(fhir.newJsonParser().parseResource(OperationOutcome.class, noEncounter.body()));

        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_event WHERE client_id = :c AND action = 'READ'
                  AND resource IN ('fhir-appointment', 'fhir-encounter')""")
                .param("c", clientId).query(Long.class).single()).isEqualTo(3);
        assertThat(fhirGet("/api/fhir/r4/Appointment?patient=" + clientId, null).statusCode()).isEqualTo(401);
    }

    @Test
    void theValidatorRejectsAnAppointmentWithoutParticipants() {
        Appointment incomplete = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        incomplete.setId("x");
        assertThat(validator.validateWithResult(incomplete).getMessages())
                .anyMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR && m.getMessage().contains("participant"));
    }
}
