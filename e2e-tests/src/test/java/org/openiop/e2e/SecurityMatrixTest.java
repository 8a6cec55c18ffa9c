package org.openiop.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openiop.attendance.AttendanceApplication;
import org.openiop.notification.NotificationApplication;
import org.openiop.scheduling.SchedulingApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint of the three running services x {no credentials, STAFF, COMPLIANCE_OFFICER, ADMIN, client A's
 * signed link}: each cell must be 401, 403 or allowed exactly as the table says. The endpoints are read from each
 * service's own request mappings, so an endpoint added without a row in the table fails this test. Refusals on the
 * API are problem+json. Allowed means "not 401/403 and no server error": with made-up ids and empty bodies a 2xx,
 * 400, 404 or 409 are all fine. Client A's link is used with client B's id wherever a path names a client.
 */
@ExtendWith(PlatformExtension.class)
class SecurityMatrixTest {

    private static final Logger log = LoggerFactory.getLogger(SecurityMatrixTest.class);

    enum Who { NOBODY, STAFF, OFFICER, ADMIN, CLIENT_A }

    /** Who may call an endpoint; PUBLIC needs nothing (health probes, the provider's signed webhook). */
    private static final Set<Who> PUBLIC = EnumSet.allOf(Who.class);
    /**
     * Open to all, and any status but 401/403 is right: the health probe says 503 when a dependency is down (in this
     * run notification-service has no SMTP server), Spring's error page called directly answers 500 by design.
     */
    private static final Set<Who> OPEN_ANY_STATUS = EnumSet.allOf(Who.class);
    private static final Set<Who> ANY_STAFF_ROLE = EnumSet.of(Who.STAFF, Who.OFFICER, Who.ADMIN);
    private static final Set<Who> STAFF_OR_ADMIN = EnumSet.of(Who.STAFF, Who.ADMIN);
    // the local admin also holds STAFF and COMPLIANCE_OFFICER (README), so ADMIN passes those checks too
    private static final Set<Who> STAFF = EnumSet.of(Who.STAFF, Who.ADMIN);
    private static final Set<Who> OFFICER = EnumSet.of(Who.OFFICER, Who.ADMIN);
    private static final Set<Who> STAFF_OR_OFFICER = EnumSet.of(Who.STAFF, Who.OFFICER, Who.ADMIN);
    private static final Set<Who> ADMIN_OR_OFFICER = EnumSet.of(Who.OFFICER, Who.ADMIN);
    private static final Set<Who> ADMIN = EnumSet.of(Who.ADMIN);
    private static final Set<Who> CLIENT = EnumSet.of(Who.CLIENT_A);

    private static final Map<String, Map<String, Set<Who>>> EXPECTED = new LinkedHashMap<>();

    private static void expect(String service, String endpoint, Set<Who> who) {
        EXPECTED.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(endpoint, who);
    }

    static {
        for (String service : List.of("scheduling", "attendance", "notification")) {
            // the backbone's own endpoints, the same in every service
            expect(service, "GET /actuator/info", PUBLIC);
            expect(service, "GET /actuator/prometheus", PUBLIC);
            for (String open : List.of("/actuator/health", "/actuator/health/**", "/error")) {
                expect(service, "GET " + open, OPEN_ANY_STATUS);
            }
            for (String staffOnly : List.of("/actuator", "/actuator/metrics", "/actuator/metrics/{requiredMetricName}",
                    "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config")) {
                expect(service, "GET " + staffOnly, ANY_STAFF_ROLE);
            }
            expect(service, "GET /api/audit", ADMIN_OR_OFFICER);
        }

        // scheduling-service: everyone on staff reads, staff and admins change
        for (String read : List.of("/api/bookings/{bookingId}", "/api/clients/{clientId}",
                "/api/clients/{clientId}/planned-minutes", "/api/clients/{clientId}/schedule",
                "/api/clients/{clientId}/series", "/api/clinicians/{clinicianId}",
                "/api/clinicians/{clinicianId}/schedule", "/api/programs", "/api/programs/{programId}",
                "/api/programs/{programId}/clinicians", "/api/programs/{programId}/closures",
                "/api/programs/{programId}/enrolments", "/api/programs/{programId}/rooms",
                "/api/programs/{programId}/sessions", "/api/programs/{programId}/week-board", "/api/rooms/{roomId}",
                "/api/rooms/{roomId}/schedule", "/api/series/{seriesId}", "/api/sessions/{sessionId}",
                "/api/sessions/{sessionId}/bookings")) {
            expect("scheduling", "GET " + read, ANY_STAFF_ROLE);
        }
        for (String change : List.of("POST /api/bookings/{bookingId}/cancel", "POST /api/bookings/{bookingId}/reschedule",
                "POST /api/clients/{clientId}/discharge", "POST /api/clients/{clientId}/phase",
                "POST /api/programs/{programId}/clinicians", "POST /api/programs/{programId}/closures",
                "POST /api/programs/{programId}/enrolments", "POST /api/programs/{programId}/rooms",
                "POST /api/programs/{programId}/series", "POST /api/programs/{programId}/series/preview",
                "POST /api/programs/{programId}/sessions", "POST /api/series/{seriesId}/cancel",
                "POST /api/series/{seriesId}/frequency", "POST /api/sessions/{sessionId}/bookings",
                "POST /api/sessions/{sessionId}/cancel", "POST /api/sessions/{sessionId}/reschedule",
                "PUT /api/clients/{clientId}", "PUT /api/clinicians/{clinicianId}",
                "PUT /api/rooms/{roomId}", "DELETE /api/programs/{programId}/closures/{closureId}")) {
            expect("scheduling", change, STAFF_OR_ADMIN);
        }
        // waitlists and make-up options (issue 17): everyone on staff reads, staff and admins change
        for (String read : List.of("/api/clients/{clientId}/makeup-options", "/api/sessions/{sessionId}/waitlist",
                "/api/waitlist/{entryId}")) {
            expect("scheduling", "GET " + read, ANY_STAFF_ROLE);
        }
        for (String change : List.of("POST /api/sessions/{sessionId}/waitlist", "POST /api/waitlist/{entryId}/accept",
                "POST /api/waitlist/{entryId}/decline", "POST /api/series/{seriesId}/waitlist")) {
            expect("scheduling", change, STAFF_OR_ADMIN);
        }
        // make-up offers (issue 17): everyone on staff follows them, staff and admins send them
        for (String read : List.of("/api/clients/{clientId}/makeup-offers", "/api/makeup-offers/{offerId}")) {
            expect("scheduling", "GET " + read, ANY_STAFF_ROLE);
        }
        expect("scheduling", "POST /api/clients/{clientId}/makeup-offers", STAFF_OR_ADMIN);
        expect("scheduling", "POST /api/makeup-offers/{offerId}/withdrawal", STAFF_OR_ADMIN);
        // the automatic-offer rule: everyone on staff reads it, only administrators change it
        expect("scheduling", "GET /api/programs/{programId}/makeup-settings", ANY_STAFF_ROLE);
        expect("scheduling", "PUT /api/programs/{programId}/makeup-settings", ADMIN);
        // sibling programs (issue 17): everyone on staff reads them, only administrators set them
        expect("scheduling", "GET /api/programs/{programId}/siblings", ANY_STAFF_ROLE);
        expect("scheduling", "PUT /api/programs/{programId}/siblings", ADMIN);
        // the week figures the make-up page needs: staff too (the sessions and reasons stay the officers')
        expect("attendance", "GET /api/clients/{clientId}/week-figures", STAFF_OR_OFFICER);
        // a program's configuration is the administrators'
        expect("scheduling", "POST /api/programs", ADMIN);
        expect("scheduling", "PUT /api/programs/{programId}", ADMIN);

        // attendance-service: staff record, officers read compliance, admins rebuild
        expect("attendance", "GET /api/bookings/{bookingId}/attendance", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/sessions/{sessionId}/roster", STAFF_OR_OFFICER);
        expect("attendance", "POST /api/bookings/{bookingId}/absence", STAFF);
        expect("attendance", "POST /api/bookings/{bookingId}/attendance", STAFF);
        expect("attendance", "POST /api/bookings/{bookingId}/attendance/corrections", STAFF);
        expect("attendance", "POST /api/sessions/{sessionId}/roster", STAFF);
        expect("attendance", "GET /api/clients/{clientId}/compliance", OFFICER);
        expect("attendance", "GET /api/programs/{programId}/compliance/export", OFFICER);
        expect("attendance", "GET /api/programs/{programId}/compliance/stream", OFFICER);
        expect("attendance", "GET /api/programs/{programId}/compliance/weeks/{weekStart}", OFFICER);
        // payer evidence (issue 10): certifications of need, auditor exports, FHIR R4
        expect("attendance", "POST /api/clients/{clientId}/certifications", STAFF);
        expect("attendance", "GET /api/clients/{clientId}/certifications", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/certifications/due", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/clients/{clientId}/evidence", OFFICER);
        expect("attendance", "GET /api/clients/{clientId}/evidence/csv", OFFICER);
        expect("attendance", "GET /api/clients/{clientId}/evidence/pdf", OFFICER);
        expect("attendance", "GET /api/fhir/r4/Appointment", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/fhir/r4/Appointment/{id}", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/fhir/r4/Encounter", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/fhir/r4/Encounter/{id}", STAFF_OR_OFFICER);
        expect("attendance", "GET /api/admin/compliance/rebuild", ADMIN);
        expect("attendance", "POST /api/admin/compliance/rebuild", ADMIN);

        // notification-service: contact details for staff, settings for admins, the portal for the client's link
        expect("notification", "GET /api/clients/{clientId}/contact", STAFF);
        expect("notification", "PUT /api/clients/{clientId}/contact", STAFF);
        expect("notification", "GET /api/clients/{clientId}/deliveries", STAFF);
        expect("notification", "GET /api/bookings/{bookingId}/reminders", STAFF);
        expect("notification", "POST /api/clients/{clientId}/client-links", STAFF_OR_ADMIN);
        expect("notification", "DELETE /api/clients/{clientId}/client-links", STAFF_OR_ADMIN);
        expect("notification", "GET /api/programs/{programId}/notification-settings", STAFF_OR_ADMIN);
        expect("notification", "PUT /api/programs/{programId}/notification-settings", ADMIN);
        expect("notification", "GET /api/client-portal/appointments", CLIENT);
        expect("notification", "GET /api/client-portal/calendar.ics", CLIENT);
        expect("notification", "GET /api/client-portal/preferences", CLIENT);
        expect("notification", "PUT /api/client-portal/preferences", CLIENT);
        expect("notification", "GET /api/client-portal/offers", CLIENT);
        expect("notification", "POST /api/client-portal/offers/{offerId}/choice", CLIENT);
        expect("notification", "GET /api/client-portal/holds", CLIENT);
        expect("notification", "POST /api/client-portal/holds/{entryId}/answer", CLIENT);
        // the SMS provider's webhook: no sign-in, it checks the provider's signature itself
        expect("notification", "POST /api/sms/inbound", PUBLIC);

        // telehealth (issue 18): the join code and the video platform's signature are the credentials there
        expect("scheduling", "GET /api/telehealth/join/{code}", PUBLIC);
        expect("scheduling", "GET /api/sessions/{sessionId}/join-link", STAFF_OR_ADMIN);
        expect("scheduling", "PUT /api/sessions/{sessionId}/modality", STAFF_OR_ADMIN);
        expect("attendance", "POST /api/telehealth/{platform}/webhook", PUBLIC);
        expect("attendance", "GET /api/sessions/{sessionId}/telehealth/participants", STAFF);
        expect("attendance", "GET /api/telehealth/unmatched", STAFF);
        expect("attendance", "POST /api/telehealth/participants/{participantId}/match", STAFF);
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyEndpointAnswersEachCallerAsTheTableSays(Platform platform) throws Exception {
        String clientA = UUID.randomUUID().toString();
        String clientB = UUID.randomUUID().toString();
        @SuppressWarnings("unchecked")
        String linkOfA = (String) new Api(platform.notification, "staff", "iop-staff")
                .post("/api/clients/" + clientA + "/client-links", Map.of()).get("token");

        Map<String, String> bases = Map.of("scheduling", platform.scheduling, "attendance", platform.attendance,
                "notification", platform.notification);
        Map<String, Class<?>> applications = Map.of("scheduling", SchedulingApplication.class,
                "attendance", AttendanceApplication.class, "notification", NotificationApplication.class);
        List<String> failures = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        int cells = 0;
        for (String service : List.of("scheduling", "attendance", "notification")) {
            Set<String> endpoints = endpoints(platform, applications.get(service));
            Map<String, Set<Who>> table = EXPECTED.getOrDefault(service, Map.of());
            for (String endpoint : endpoints) {
                if (!table.containsKey(endpoint)) {
                    unlisted.add("expect(\"" + service + "\", \"" + endpoint + "\", ?);");
                }
            }
            assertThat(table.keySet()).as("rows of %s that match no endpoint any more", service)
                    .isSubsetOf(endpoints);
            for (String endpoint : endpoints) {
                Set<Who> allowed = table.get(endpoint);
                if (allowed == null) {
                    continue;
                }
                for (Who who : Who.values()) {
                    cells++;
                    String method = endpoint.substring(0, endpoint.indexOf(' '));
                    String path = concrete(endpoint.substring(endpoint.indexOf(' ') + 1),
                            who == Who.CLIENT_A ? clientB : UUID.randomUUID().toString());
                    Result result = call(bases.get(service), method, path, who, linkOfA);
                    String cell = service + " " + method + " " + path + " as " + who + ": " + result.status();
                    String problem = check(service, endpoint, allowed, who, result);
                    if (problem != null) {
                        failures.add(cell + " -> " + problem);
                    }
                }
            }
        }
        log.info("Security matrix: {} cells checked", cells);
        assertThat(unlisted).as("endpoints without a row in the security matrix").isEmpty();
        assertThat(failures).as("cells that answer differently from the table").isEmpty();
    }

    private static String check(String service, String endpoint, Set<Who> allowed, Who who, Result result) {
        boolean api = endpoint.contains(" /api/");
        int status = result.status();
        if (allowed == OPEN_ANY_STATUS) {
            return status == 401 || status == 403 ? "expected no sign-in" : null;
        }
        if (status >= 500) {
            return "server error";
        }
        if (allowed.contains(who)) {
            return allowed == PUBLIC ? (status == 401 ? "expected no sign-in" : null)
                    : status == 401 || status == 403 ? "expected to be allowed" : null;
        }
        // Only notification-service accepts client links: elsewhere a link is no credential at all.
        int expected = who == Who.NOBODY || (who == Who.CLIENT_A && !service.equals("notification")) ? 401 : 403;
        boolean toLogin = !api && expected == 401 && status == 302 && result.location() != null
                && result.location().endsWith("/login");
        if (status != expected && !toLogin) {
            return "expected " + expected;
        }
        if (api && (result.contentType() == null || !result.contentType().startsWith("application/problem+json"))) {
            return "refusal is not problem+json but " + result.contentType();
        }
        if (api && status == 401 && result.challenge() == null) {
            return "401 without WWW-Authenticate";
        }
        return null;
    }

    /** "GET /api/x/{id}" for every pattern and method of every request mapping of a service. */
    private static Set<String> endpoints(Platform platform, Class<?> application) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : platform.context(application)
                .getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        endpoints.add(method.name() + " " + pattern);
                    }
                }
            }
        }
        return endpoints;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");

    /** Made-up values of the right form for every path variable; a client id is the given one. */
    private static String concrete(String pattern, String clientId) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).toLowerCase();
            String value = name.contains("client") ? clientId
                    : name.contains("monday") || name.contains("week") || name.contains("date") ? "2026-11-23"
                    : name.startsWith("*") ? "x" : UUID.randomUUID().toString();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("/**", "/x");
    }

    record Result(int status, String contentType, String challenge, String location) {
    }

    private Result call(String base, String method, String path, Who who, String link) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, application/problem+json, */*");
        switch (who) {
            case STAFF -> request.header("Authorization", basic("staff", "iop-staff"));
            case OFFICER -> request.header("Authorization", basic("officer", "iop-officer"));
            case ADMIN -> request.header("Authorization", basic("admin", "iop-admin"));
            case CLIENT_A -> request.header("X-Client-Link", link);
            case NOBODY -> { }
        }
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (withBody) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        // the body is not needed, and a live stream (server-sent events) would never end: headers are enough
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return new Result(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("WWW-Authenticate").orElse(null),
                response.headers().firstValue("Location").orElse(null));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
