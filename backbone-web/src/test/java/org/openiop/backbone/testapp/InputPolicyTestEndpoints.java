package org.openiop.backbone.testapp;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.openiop.backbone.web.input.PlausibleBirthDate;
import org.openiop.backbone.web.input.WithinRecordWindow;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Endpoints shaped like the services' own, to check the input policy every service gets from the backbone. */
@RestController
class InputPolicyTestEndpoints {

    enum Kind { GROUP, INDIVIDUAL }

    record Sample(@NotBlank @Size(max = 100) String name, @PlausibleBirthDate LocalDate born,
            @WithinRecordWindow LocalDate day, Integer count, Kind kind, List<LocalDate> days) {
    }

    private final JdbcClient jdbc;

    InputPolicyTestEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @PostMapping("/api/test-input/samples")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody Sample sample) {
        jdbc.sql("INSERT INTO input_sample (name, born, day, count, kind) VALUES (?, ?, ?, ?, ?)")
                .params(sample.name(), sample.born(), sample.day(), sample.count(),
                        sample.kind() == null ? null : sample.kind().name())
                .update();
        return Map.of("stored", true);
    }

    /** A state change without a body, like the services' cancel operations. */
    @PostMapping("/api/test-input/cancel")
    Map<String, Object> cancel() {
        jdbc.sql("INSERT INTO input_sample (name) VALUES ('cancelled')").update();
        return Map.of("cancelled", true);
    }

    /** Date arithmetic on a query parameter, like the week board. */
    @GetMapping("/api/test-input/week")
    Map<String, Object> week(@RequestParam LocalDate date) {
        return Map.of("next", date.plusWeeks(1).toString());
    }
}
