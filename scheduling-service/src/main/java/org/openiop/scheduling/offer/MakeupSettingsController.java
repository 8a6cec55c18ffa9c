package org.openiop.scheduling.offer;

import java.security.Principal;
import java.util.UUID;

import org.openiop.backbone.security.AuthorizationRules;
import org.openiop.backbone.security.Roles;
import org.openiop.scheduling.program.ProgramRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A program's make-up rules: staff and officers read them, administrators set them (like the program's settings). */
@RestController
class MakeupSettingsController {

    private final MakeupSettingRepository settings;
    private final ProgramRepository programs;

    MakeupSettingsController(MakeupSettingRepository settings, ProgramRepository programs) {
        this.settings = settings;
        this.programs = programs;
    }

    /** @param automaticOffers offer make-up automatically when a week turns AT_RISK with time left */
    record SettingsRequest(@NotNull Boolean automaticOffers) {
    }

    @GetMapping("/api/programs/{programId}/makeup-settings")
    MakeupSettings get(@PathVariable UUID programId) {
        programs.get(programId, "programId");
        return settings.get(programId);
    }

    @PutMapping("/api/programs/{programId}/makeup-settings")
    @Transactional
    MakeupSettings put(@PathVariable UUID programId, @Valid @RequestBody SettingsRequest request, Principal who) {
        programs.get(programId, "programId");
        settings.put(programId, request.automaticOffers(), who.getName());
        return settings.get(programId);
    }

    @Configuration(proxyBeanMethods = false)
    static class Access {

        /** Before the service's own rules, which let staff write under /api. */
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        AuthorizationRules makeupSettingsAccess() {
            return requests -> requests
                    .requestMatchers(HttpMethod.PUT, "/api/programs/*/makeup-settings").hasRole(Roles.ADMIN);
        }
    }
}
