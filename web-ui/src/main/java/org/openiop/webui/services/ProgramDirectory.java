package org.openiop.webui.services;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/**
 * Names behind the identifiers the services exchange: scheduling-service is the only place client names live, so
 * the pages join them in here, per request, and never store them.
 */
@Component
public class ProgramDirectory {

    private static final int MAX_PAGE = 200;

    private final Services.Apis apis;

    ProgramDirectory(Services.Apis apis) {
        this.apis = apis;
    }

    /**
     * One page of programs, searched by name on the service (scheduling-service's {@code search}: the name contains
     * the text); the page is also filtered here by every word typed, in any order.
     */
    public Api.PageOf<Api.Program> programs(String query, int page, int size) {
        String q = query == null ? "" : query.trim();
        Api.PageOf<Api.Program> found = apis.scheduling().get(
                new ParameterizedTypeReference<Api.PageOf<Api.Program>>() { },
                b -> {
                    b.path("/api/programs").queryParam("page", page).queryParam("size", size);
                    if (!q.isEmpty()) {
                        b.queryParam("search", q);
                    }
                    return b.build();
                });
        if (q.isEmpty()) {
            return found;
        }
        List<Api.Program> matching = found.items().stream().filter(p -> matches(p.name(), q)).toList();
        return new Api.PageOf<>(matching, found.page(), found.size(),
                matching.size() == found.items().size() ? found.totalItems() : matching.size());
    }

    /** Does {@code name} contain every word of {@code query} (case-insensitive)? */
    public static boolean matches(String name, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (String w : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
            if (!n.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One page of programs by name, only those whose name contains {@code search} when it is given: what a landing
     * page lists and searches (a program list is never fetched whole).
     */
    public Api.PageOf<Api.Program> programPage(String search, int page, int size) {
        return apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Program>>() { },
                b -> b.path("/api/programs").queryParamIfPresent("search",
                        java.util.Optional.ofNullable(search).filter(t -> !t.isBlank()))
                        .queryParam("page", page).queryParam("size", Math.min(size, MAX_PAGE)).build());
    }

    public Api.Program program(String programId) {
        return apis.scheduling().get(Api.Program.class, "/api/programs/{id}", programId);
    }

    /** Every enrolment of the program (active and discharged), by name. */
    public List<Api.Enrolment> enrolments(String programId) {
        return apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Enrolment>>() { },
                b -> b.path("/api/programs/{id}/enrolments").queryParam("size", MAX_PAGE).build(programId)).items()
                .stream().sorted(Comparator.comparing(Api.Enrolment::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public Map<String, String> clientNames(String programId) {
        return names(enrolments(programId));
    }

    /** Client names by identifier, from enrolments already fetched (a page that also searches them). */
    public static Map<String, String> names(List<Api.Enrolment> enrolments) {
        return enrolments.stream()
                .collect(Collectors.toMap(Api.Enrolment::clientId, Api.Enrolment::displayName, (a, b) -> a));
    }

    /** Active clients whose name contains every word of the query (case-insensitive). */
    public List<Api.Enrolment> search(String programId, String query) {
        return search(enrolments(programId), query);
    }

    /** {@link #search(String, String)} in enrolments already fetched. */
    public static List<Api.Enrolment> search(List<Api.Enrolment> enrolments, String query) {
        return enrolments.stream().filter(e -> "ACTIVE".equals(e.status()))
                .filter(e -> matches(e.displayName(), query)).limit(20).toList();
    }

    public Api.Enrolment client(String clientId) {
        return apis.scheduling().get(Api.Enrolment.class, "/api/clients/{id}", clientId);
    }

    public List<Api.Clinician> clinicians(String programId) {
        return apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Clinician>>() { },
                b -> b.path("/api/programs/{id}/clinicians").queryParam("size", MAX_PAGE).build(programId)).items();
    }

    public List<Api.Room> rooms(String programId) {
        return apis.scheduling().get(new ParameterizedTypeReference<Api.PageOf<Api.Room>>() { },
                b -> b.path("/api/programs/{id}/rooms").queryParam("size", MAX_PAGE).build(programId)).items();
    }

    public Map<String, String> clinicianNames(String programId) {
        return clinicians(programId).stream().collect(Collectors.toMap(Api.Clinician::id,
                Api.Clinician::displayName, (a, b) -> a));
    }

    public Map<String, String> roomNames(String programId) {
        return rooms(programId).stream().collect(Collectors.toMap(Api.Room::id, Api.Room::name, (a, b) -> a));
    }

    static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
    }
}
