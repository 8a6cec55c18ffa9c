package org.openiop.scheduling.program;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A program's sibling programs: staff and officers read them, administrators set them. */
@RestController
class SiblingProgramsController {

    private final ProgramSiblings siblings;
    private final ProgramRepository programs;

    SiblingProgramsController(ProgramSiblings siblings, ProgramRepository programs) {
        this.siblings = siblings;
        this.programs = programs;
    }

    /** @param siblingIds the programs whose sessions this program's clients may also book (replaces the list) */
    record SiblingsRequest(@NotNull List<UUID> siblingIds) {
    }

    record Sibling(UUID id, String name) {
    }

    record SiblingsView(UUID programId, List<Sibling> siblings) {
    }

    @GetMapping("/api/programs/{programId}/siblings")
    SiblingsView get(@PathVariable UUID programId) {
        programs.get(programId, "programId");
        return view(programId, siblings.of(programId));
    }

    @PutMapping("/api/programs/{programId}/siblings")
    SiblingsView put(@PathVariable UUID programId, @Valid @RequestBody SiblingsRequest request, Principal who) {
        return view(programId, siblings.replace(programId, request.siblingIds(), who.getName()));
    }

    private SiblingsView view(UUID programId, List<UUID> ids) {
        return new SiblingsView(programId, ids.stream()
                .map(id -> new Sibling(id, programs.find(id).map(Program::name).orElse(null))).toList());
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        /** Before the service's own rules, which let staff write under /api. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AuthorizationRules siblingProgramsAccess() {
            return requests -> requests
                    .requestMatchers(HttpMethod.PUT, "/api/programs/*/siblings").hasRole(Roles.ADMIN);
        }
    }
}
