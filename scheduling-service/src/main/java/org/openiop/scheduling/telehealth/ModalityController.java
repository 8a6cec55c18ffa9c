package org.openiop.scheduling.telehealth;

import java.util.UUID;

import org.openiop.scheduling.session.Modality;
import org.openiop.scheduling.session.SessionView;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Staff change how a session is held (STAFF, ADMIN, like every other session change). */
@RestController
class ModalityController {

    private final ModalityChange change;

    ModalityController(ModalityChange change) {
        this.change = change;
    }

    /** IN_PERSON, TELEHEALTH or HYBRID; the last two with the meeting's https {@code joinUrl}. */
    @Schema(name = "SessionModalityChange")
    record Request(@NotNull Modality modality, @Size(max = 500) String joinUrl) {
    }

    @PutMapping("/api/sessions/{sessionId}/modality")
    SessionView change(@PathVariable UUID sessionId, @Valid @RequestBody Request request) {
        return change.change(sessionId, request.modality(), request.joinUrl());
    }
}
