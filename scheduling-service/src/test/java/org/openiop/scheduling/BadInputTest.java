package org.openiop.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every refused request: a 4xx problem document naming the field or rule, and nothing stored or published. */
class BadInputTest extends SchedulingTestBase {

    private static final List<String> TABLES = List.of("program", "enrolment", "session", "booking", "series",
            "closure", "clinician", "room", "outbox");

    private String program;
    private LocalDate day;

    @BeforeEach
    void program() {
        program = createProgram("Europe/London");
        day = februaryMonday();
    }

    /** Runs the request and checks it was refused with the status, code and field given, leaving every table as it was. */
    private Api.Reply refusedWithoutTrace(Supplier<Api.Reply> request, int status, String code, String field) {
        Map<String, Long> before = counts();
        Api.Reply reply = request.get();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        if (code != null || field != null) {
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        if (code != null) {
            assertThat(reply.text("code")).isEqualTo(code);
        }
        if (field != null) {
            assertThat(reply.errorFields()).as(reply.toString()).contains(field);
        }
        assertThat(counts()).as("nothing stored or published").isEqualTo(before);
        return reply;
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        TABLES.forEach(t -> counts.put(t, jdbc.sql("SELECT count(*) FROM " + t).query(Long.class).single()));
        return counts;
    }

    private Map<String, Object> session(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "GROUP", "date", day.toString()));
        body.putAll(fields);
        return body;
    }

    @Nested
    class UnknownIds {

        @Test
        void bookingIntoAnUnknownSession() {
            String client = enrol(program, day);
            refusedWithoutTrace(() -> book(UUID.randomUUID().toString(), client), 404, "not-found", "sessionId");
        }

        @Test
        void bookingAnUnknownClient() {
            String session = groupSession(program, day, "MORNING", 5);
            refusedWithoutTrace(() -> book(session, UUID.randomUUID().toString()), 404, "not-found", "clientId");
        }

        @Test
        void enrollingIntoAnUnknownProgram() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + UUID.randomUUID() + "/enrolments", Map.of(
                    "displayName", "A", "dateOfBirth", "1990-01-01", "admissionDate", day.toString())),
                    404, "not-found", "programId");
        }

        @Test
        void sessionWithAnUnknownClinician() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "MORNING", "clinicianId", UUID.randomUUID().toString()))),
                    404, "not-found", "clinicianId");
        }

        @Test
        void unknownBlockName() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "AFTERNOON"))), 400, "invalid-block", "block");
        }

        @Test
        void notAUuid() {
            refusedWithoutTrace(() -> staff.post("/api/sessions/not-a-uuid/bookings",
                    Map.of("clientId", UUID.randomUUID().toString())), 400, null, "sessionId");
        }
    }

    @Nested
    class Times {

        @Test
        void customSessionEndingBeforeItStarts() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("startTime", "14:00", "endTime", "13:00"))), 400, "invalid-endTime", "endTime");
        }

        @Test
        void blockTemplateEndingBeforeItStarts() {
            Map<String, Object> body = programBody("Europe/London");
            body.put("blocks", List.of(Map.of("name", "LATE", "startTime", "22:00", "endTime", "20:00")));
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, null, "blocks[0].endTime");
        }

        @Test
        void blockAndCustomTimesTogether() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "MORNING", "startTime", "09:00", "endTime", "10:00"))), 400, null, "block");
        }

        @Test
        void sessionInThePast() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    Map.of("type", "GROUP", "date", "2020-01-06", "block", "MORNING")), 422, "session-in-past", "date");
        }

        @Test
        void seriesUntilBeforeItsStart() {
            String client = enrol(program, day);
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/series", Map.of("clientId", client,
                    "type", "GROUP", "block", "EVENING", "startDate", day.toString(),
                    "until", day.minusDays(3).toString(), "daysOfWeek", List.of("MONDAY"))), 400, null, "until");
        }

        @Test
        void malformedRecurrenceRule() {
            String client = enrol(program, day);
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/series", Map.of("clientId", client,
                    "type", "GROUP", "block", "EVENING", "startDate", day.toString(), "weeks", 4,
                    "rrule", "FREQ=WEEKLY;BYDAY=XX")), 400, "invalid-rrule", "rrule");
        }
    }

    @Nested
    class Programs {

        @Test
        void unknownTimeZone() {
            Map<String, Object> body = programBody("Mars/Olympus_Mons");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "timeZone");
        }

        @Test
        void fixedOffsetInsteadOfARegion() {
            Map<String, Object> body = programBody("+02:00");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "timeZone");
        }

        @Test
        void phoneNotInE164() {
            Map<String, Object> body = programBody("Europe/London");
            body.put("phone", "020 7946 0000");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "phone");
        }

        @Test
        void missingName() {
            Map<String, Object> body = programBody("Europe/London");
            body.remove("name");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "name");
        }

        // The name, label and phone reach every message text: each must stay one line.
        @Test
        void lineBreakInTheLocationLabel() {
            Map<String, Object> body = programBody("Europe/London");
            body.put("locationLabel", "Riverside Center\nSecond floor");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "locationLabel");
        }

        @Test
        void controlCharactersInTheNameAndPhone() {
            Map<String, Object> body = programBody("Europe/London");
            // line breaks pass the input policy (ESC and NUL are refused earlier, InputPolicyTest) but not a label
            body.put("name", "Evening\nprogram");
            body.put("phone", "+12125550100\r\n");
            Api.Reply reply = refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request",
                    "name");
            assertThat(reply.errorFields()).contains("phone");
        }

        @Test
        void unicodeLineSeparatorInTheLabel() {
            Map<String, Object> body = programBody("Europe/London");
            body.put("locationLabel", "Riverside Center\u2028Second floor");
            refusedWithoutTrace(() -> admin.post("/api/programs", body), 400, "invalid-request", "locationLabel");
        }
    }

    @Nested
    class MalformedJson {

        @Test
        void bodyIsNotJson() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/enrolments", "{\"displayName\": "),
                    400, "malformed-body", null);
        }

        @Test
        void dateInTheWrongFormat() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/enrolments",
                    "{\"displayName\":\"A\",\"dateOfBirth\":\"02/04/1990\",\"admissionDate\":\"" + day + "\"}"),
                    400, "malformed-field", "dateOfBirth");
        }

        @Test
        void malformedAndInvalidFieldsNamedTogether() {
            // a malformed date, a blank name and an admission outside the record window: all three in one answer
            Api.Reply enrol = refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/enrolments",
                    "{\"displayName\":\" \",\"dateOfBirth\":\"02/04/1990\",\"admissionDate\":\""
                            + LocalDate.now().plusYears(30) + "\",\"phaseSessionsPerWeek\":1.5}"),
                    400, "malformed-field", null);
            assertThat(enrol.errorFields()).containsExactly("dateOfBirth", "phaseSessionsPerWeek", "admissionDate",
                    "displayName");
            // a session: an enum by number, a seat count beyond 32 bits, a missing date and a label too long
            Map<String, Object> body = new HashMap<>(Map.of("type", 1, "block", "MORNING", "capacity", 4294967296L,
                    "topic", "t".repeat(101)));
            Api.Reply session = refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions", body),
                    400, "malformed-field", null);
            assertThat(session.errorFields()).containsExactly("type", "capacity", "date", "topic");
        }

        @Test
        void unknownSessionType() {
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("type", "YOGA", "block", "MORNING"))), 400, "malformed-field", "type");
        }
    }

    @Nested
    class BookingRules {

        @Test
        void bookingADischargedClient() {
            String client = enrol(program, day.minusWeeks(1));
            String session = groupSession(program, day, "MORNING", 5);
            assertThat(staff.post("/api/clients/" + client + "/discharge",
                    Map.of("dischargeDate", day.minusDays(1).toString())).status()).isEqualTo(200);
            refusedWithoutTrace(() -> book(session, client), 409, "client-discharged", "clientId");
        }

        @Test
        void bookingBeforeAdmission() {
            String client = enrol(program, day.plusWeeks(1));
            String session = groupSession(program, day, "MORNING", 5);
            refusedWithoutTrace(() -> book(session, client), 422, "outside-enrolment", "clientId");
        }

        @Test
        void bookingAClientOfAnotherProgram() {
            String other = createProgram("Europe/London");
            String client = enrol(other, day);
            String session = groupSession(program, day, "MORNING", 5);
            refusedWithoutTrace(() -> book(session, client), 422, "client-not-in-program", "clientId");
        }

        @Test
        void doubleBookingAClient() {
            String client = enrol(program, day);
            String morning = groupSession(program, day, "MORNING", 5);
            Api.Reply individual = staff.post("/api/programs/" + program + "/sessions", Map.of("type", "INDIVIDUAL",
                    "date", day.toString(), "startTime", "11:00", "endTime", "12:00"));
            assertThat(book(morning, client).status()).isEqualTo(201);
            refusedWithoutTrace(() -> book(individual.id(), client), 409, "client-double-booked", "clientId");
        }

        @Test
        void doubleBookingAClinicianOrARoom() {
            String clinician = staff.post("/api/programs/" + program + "/clinicians",
                    Map.of("displayName", "Dr A")).id();
            String room = staff.post("/api/programs/" + program + "/rooms", Map.of("name", "Room 1", "capacity", 12))
                    .id();
            assertThat(staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "MORNING", "clinicianId", clinician, "roomId", room))).status())
                    .isEqualTo(201);
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions", Map.of("type", "INDIVIDUAL",
                    "date", day.toString(), "startTime", "10:00", "endTime", "11:00", "clinicianId", clinician)),
                    409, "clinician-double-booked", "clinicianId");
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions", Map.of("type", "FAMILY",
                    "date", day.toString(), "startTime", "11:30", "endTime", "12:30", "roomId", room)),
                    409, "room-double-booked", "roomId");
        }

        @Test
        void groupLargerThanItsRoom() {
            String room = staff.post("/api/programs/" + program + "/rooms", Map.of("name", "Small", "capacity", 4))
                    .id();
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "EVENING", "roomId", room, "capacity", 8))), 422, "room-too-small",
                    "capacity");
        }

        @Test
        void sessionOnAClosureDay() {
            assertThat(staff.post("/api/programs/" + program + "/closures",
                    Map.of("firstDay", day.toString(), "reason", "Staff training")).status()).isEqualTo(201);
            refusedWithoutTrace(() -> staff.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "EVENING"))), 422, "program-closed", "date");
        }
    }

    @Nested
    class Access {

        @Test
        void officersReadButDoNotSchedule() {
            refusedWithoutTrace(() -> officer.post("/api/programs/" + program + "/sessions",
                    session(Map.of("block", "MORNING"))), 403, null, null);
            assertThat(officer.get("/api/programs/" + program).status()).isEqualTo(200);
        }

        @Test
        void anonymousCallersAreTurnedAway() {
            Api anonymous = new Api(port, "nobody", "wrong");
            assertThat(anonymous.get("/api/programs/" + program).status()).isEqualTo(401);
        }
    }
}
